package io.reelstream.tests.evolution;

import io.reelstream.tests.features.SessionFeaturesReference;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.features.UserActivity;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restoring the session features job from the committed savepoints of state schema v1 and v2
 * ({@code savepoints/session-features-v1} and {@code -v2}, written by {@link
 * SessionFeaturesSavepointWriterITCase} with the code of each): slices, playback cursors, sessions,
 * timelines, dedupe ids, timers and the catalog come back (migrated per key to the one-value state
 * of v2; the v1 duplicate filters' ids are left behind, v2 keeps ids inside the feature state), and
 * every member active after the savepoint is stored with the vector the Flink-free reference
 * computes from the whole input. A member whose earlier activity was lost would miss it in the 24 h
 * and 7 d windows and in its sessions. On real Kafka and Cassandra, MiniCluster with RocksDB,
 * parallelism 2. A later state change keeps this test green through its migration.
 */
class SessionFeaturesStateEvolutionITCase {

    private static final Logger LOG =
            LoggerFactory.getLogger(SessionFeaturesStateEvolutionITCase.class);

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    @TempDir Path work;

    @ParameterizedTest(name = "state v{0}")
    @ValueSource(ints = {1, 2})
    void theCurrentJobRestoresTheSavepointAndStoresTheReferenceVectors(int stateVersion)
            throws Exception {
        String resource = SessionFeaturesSavepoints.resource(stateVersion);
        List<FixtureRecord> input = FixtureRecord.load(resource);
        String prefix = SessionFeaturesSavepoints.PREFIX;
        List<String> topics = SessionFeaturesSavepoints.createTopics(SERVICES, prefix);
        // The topics hold what they held when the savepoint was taken, then the new records.
        for (int phase = 1; phase <= 2; phase++) {
            SERVICES.sendRecords(
                    SessionFeaturesSavepoints.onTopics(input, phase, prefix).stream()
                            .map(FixtureRecord::toProducerRecord)
                            .toList());
        }
        String keyspace = ContinueWatchingSavepoints.migratedKeyspace(SERVICES);
        SessionFeaturesReference reference =
                new SessionFeaturesReference(SessionFeaturesSavepoints.asGenerated(input));
        Set<String> activeAfter = usersActive(reference, true);
        Set<String> straddling = usersActive(reference, false);
        straddling.retainAll(activeAfter);
        assertThat(straddling)
                .as("members active on both sides of the savepoint")
                .hasSizeGreaterThan(5);

        Configuration conf = ContinueWatchingSavepoints.environment(work.resolve("checkpoints"));
        Path savepoint = ContinueWatchingSavepoints.copyOfCommitted(resource, work);
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
        // Since v2 there are no separate duplicate filters: their v1 state ("dedupe-playback" /
        // "-search") is left behind, as docs/state-evolution.md tells operators to do on that
        // upgrade. Later savepoints must restore with every piece of state claimed.
        conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, stateVersion == 1);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        SessionFeaturesSavepoints.job(SERVICES, prefix, keyspace).build(env);
        JobClient job = env.executeAsync("session-features-restore-v" + stateVersion);
        Map<String, String> mismatches;
        try {
            ContinueWatchingSavepoints.awaitCaughtUp(
                    SERVICES,
                    job,
                    topics,
                    SessionFeaturesSavepoints.GROUP_ID,
                    Duration.ofMinutes(4));
            try (CqlSession session = SERVICES.newSession(keyspace)) {
                mismatches =
                        reference.awaitStored(
                                session, keyspace, activeAfter, Duration.ofSeconds(90));
            }
        } finally {
            job.cancel().get();
        }
        LOG.info(
                "Restored v{}: {} members active after the savepoint, {} of them also before",
                stateVersion,
                activeAfter.size(),
                straddling.size());
        assertThat(mismatches).as("stored vectors that differ from the reference").isEmpty();
    }

    /** Members with an accepted activity after the savepoint ({@code after}) or before it. */
    private static Set<String> usersActive(SessionFeaturesReference reference, boolean after) {
        return reference.activities().entrySet().stream()
                .filter(
                        e ->
                                e.getValue().stream()
                                        .mapToLong((UserActivity a) -> a.eventTime)
                                        .anyMatch(
                                                t ->
                                                        after
                                                                == (t
                                                                        >= SessionFeaturesSavepoints
                                                                                .PHASE_TWO_FROM)))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
