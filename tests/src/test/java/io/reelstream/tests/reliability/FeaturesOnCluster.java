package io.reelstream.tests.reliability;

import io.reelstream.generator.TopicKind;
import io.reelstream.pipelines.features.SessionFeaturesJob;
import io.reelstream.tests.support.SharedServices;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session features job on the cluster: {@link FeaturesScenario}'s traffic, and its reference
 * (every stored vector equal to the reference vector as of the member's last event).
 */
final class FeaturesOnCluster extends ClusterJobScenario {

    private final FeaturesScenario scenario;

    FeaturesOnCluster(SharedServices services, int events) {
        super(services, "session-features", SessionFeaturesJob.class);
        this.scenario = new FeaturesScenario(services, events);
        configuration().addAll(scenario.configuration());
    }

    @Override
    void sendSetup() {
        scenario.send(scenario.catalog());
    }

    @Override
    void sendPart(int part, int parts) {
        scenario.send(part(scenario.events(), part, parts));
    }

    @Override
    List<String> inputTopics() {
        return List.of(
                scenario.topics.of(TopicKind.CATALOG),
                scenario.topics.of(TopicKind.PLAYBACK),
                scenario.topics.of(TopicKind.SEARCH));
    }

    @Override
    String assertMatchesReference(Duration timeout) throws Exception {
        Map<String, String> mismatches = scenario.awaitReference(timeout);
        int users = scenario.reference.activities().size();
        assertThat(users).as("members in the traffic").isGreaterThan(10);
        assertThat(mismatches).as("rows unlike the reference").isEmpty();
        assertThat(scenario.storedRows()).as("rows").isEqualTo(users);
        return "user_features rows equal the reference for " + users + " members";
    }
}
