package io.reelstream.tests.reliability;

import io.reelstream.pipelines.recs.RecsJob;
import io.reelstream.pipelines.recs.RecsOptions;
import io.reelstream.tests.recs.RecsScenario;
import io.reelstream.tests.support.SharedServices;

import org.apache.flink.configuration.Configuration;

import com.datastax.oss.driver.api.core.CqlSession;

import java.time.Duration;
import java.util.List;

/**
 * The recommendation job on the cluster: {@link RecsScenario}'s clustered-taste traffic, and what a
 * failure-free run guarantees (the same members served, above the same quality bar).
 */
final class RecsOnCluster implements ClusterJobScenario {

    private final SharedServices services;
    private final RecsScenario scenario;
    private final String group;
    private final Configuration configuration;

    RecsOnCluster(SharedServices services) {
        this.services = services;
        this.scenario = new RecsScenario(services, 400_000);
        this.group = scenario.prefix + "recs";
        this.configuration = scenario.configuration(services, group);
        configuration.addAll(services.cassandraOptions(scenario.keyspace).toConfiguration());
    }

    @Override
    public String name() {
        return "recommendations";
    }

    @Override
    public Class<?> entryClass() {
        return RecsJob.class;
    }

    @Override
    public Configuration configuration() {
        return configuration;
    }

    @Override
    public void sendSetup() {
        services.sendRecords(scenario.producerRecords(scenario.catalog));
    }

    @Override
    public void sendPart(int part, int parts) {
        services.sendRecords(
                scenario.producerRecords(ClusterJobScenario.part(scenario.playback, part, parts)));
    }

    @Override
    public void awaitConsumed(Duration timeout) throws Exception {
        ClusterJobScenario.awaitCommitted(
                services,
                group,
                List.of(
                        configuration.get(RecsOptions.CATALOG_TOPIC),
                        configuration.get(RecsOptions.PLAYBACK_TOPIC)),
                timeout);
    }

    @Override
    public String assertMatchesReference(Duration timeout) throws Exception {
        try (CqlSession session = services.newSession(scenario.keyspace)) {
            return scenario.assertServesAsAFailureFreeRun(
                    session, RecsOptions.from(configuration).settings(), timeout);
        }
    }
}
