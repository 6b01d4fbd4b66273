package io.reelstream.tests.reliability;

import io.reelstream.pipelines.recs.RecsJob;
import io.reelstream.pipelines.recs.RecsOptions;
import io.reelstream.tests.recs.RecsScenario;
import io.reelstream.tests.support.SharedServices;

import com.datastax.oss.driver.api.core.CqlSession;

import java.time.Duration;
import java.util.List;

/**
 * The recommendation job on the cluster: {@link RecsScenario}'s clustered-taste traffic, and what a
 * failure-free run guarantees (the same members served, above the same quality bar).
 */
final class RecsOnCluster extends ClusterJobScenario {

    private final RecsScenario scenario;

    RecsOnCluster(SharedServices services) {
        super(services, "recommendations", RecsJob.class);
        this.scenario = new RecsScenario(services, 400_000);
        configuration().addAll(scenario.configuration(services, scenario.prefix + "recs"));
        configuration().addAll(services.cassandraOptions(scenario.keyspace).toConfiguration());
    }

    @Override
    void sendSetup() {
        services.sendRecords(scenario.producerRecords(scenario.catalog));
    }

    @Override
    void sendPart(int part, int parts) {
        services.sendRecords(scenario.producerRecords(part(scenario.playback, part, parts)));
    }

    @Override
    List<String> inputTopics() {
        return List.of(
                configuration().get(RecsOptions.CATALOG_TOPIC),
                configuration().get(RecsOptions.PLAYBACK_TOPIC));
    }

    @Override
    String assertMatchesReference(Duration timeout) throws Exception {
        try (CqlSession session = services.newSession(scenario.keyspace)) {
            return scenario.assertServesAsAFailureFreeRun(
                    session, RecsOptions.from(configuration()).settings(), timeout);
        }
    }
}
