package io.reelstream.tests.reliability;

import io.reelstream.generator.TopicKind;
import io.reelstream.pipelines.features.SessionFeaturesJob;
import io.reelstream.tests.support.SharedServices;

import org.apache.flink.configuration.Configuration;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session features job on the cluster: {@link FeaturesScenario}'s traffic, and its reference
 * (every stored vector equal to the reference vector as of the member's last event).
 */
final class FeaturesOnCluster implements ClusterJobScenario {

    private final SharedServices services;
    private final FeaturesScenario scenario;

    FeaturesOnCluster(SharedServices services, int events) {
        this.services = services;
        this.scenario = new FeaturesScenario(services, events);
    }

    @Override
    public String name() {
        return "session-features";
    }

    @Override
    public Class<?> entryClass() {
        return SessionFeaturesJob.class;
    }

    @Override
    public Configuration configuration() {
        return scenario.configuration();
    }

    @Override
    public void sendSetup() {
        scenario.send(scenario.catalog());
    }

    @Override
    public void sendPart(int part, int parts) {
        scenario.send(ClusterJobScenario.part(scenario.events(), part, parts));
    }

    @Override
    public void awaitConsumed(Duration timeout) throws Exception {
        ClusterJobScenario.awaitCommitted(
                services,
                scenario.prefix + "session-features",
                List.of(
                        scenario.topics.of(TopicKind.CATALOG),
                        scenario.topics.of(TopicKind.PLAYBACK),
                        scenario.topics.of(TopicKind.SEARCH)),
                timeout);
    }

    @Override
    public String assertMatchesReference(Duration timeout) throws Exception {
        Map<String, String> mismatches = scenario.awaitReference(timeout);
        int users = scenario.reference.activities().size();
        assertThat(users).as("members in the traffic").isGreaterThan(10);
        assertThat(mismatches).as("rows unlike the reference").isEmpty();
        assertThat(scenario.storedRows()).as("rows").isEqualTo(users);
        return "user_features rows equal the reference for " + users + " members";
    }
}
