package io.reelstream.tests.evolution;

import io.reelstream.tests.support.SharedServices;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes the session features savepoint fixture of the current state schema version ({@code
 * SessionFeaturesSavepoints.CURRENT_STATE_VERSION}): the real job on real Kafka and Cassandra
 * (MiniCluster, RocksDB, parallelism 2) reads phase 1 of the fixture's input and is stopped with a
 * canonical savepoint while members have slices in every window, playback cursors, sessions, dedupe
 * ids and pending timers; the savepoint plus the whole input are copied into {@code
 * src/test/resources/savepoints/session-features-v<version>/}. Disabled unless {@code
 * -Dreelstream.savepoints.regenerate=true}; run only with the code of the release the fixture
 * stands for (docs/state-evolution.md):
 *
 * <pre>
 * mvn -B verify -pl tests -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.failIfNoSpecifiedTests=false -Dit.test=SessionFeaturesSavepointWriterITCase \
 *     -Dreelstream.savepoints.regenerate=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "reelstream.savepoints.regenerate", matches = "true")
class SessionFeaturesSavepointWriterITCase {

    private static final Logger LOG =
            LoggerFactory.getLogger(SessionFeaturesSavepointWriterITCase.class);

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    @TempDir Path work;

    @Test
    void writeTheSavepointOfTheCurrentStateVersionAndItsInput() throws Exception {
        List<FixtureRecord> input = SessionFeaturesSavepoints.generate();
        List<FixtureRecord> phaseOne = input.stream().filter(r -> r.phase() == 1).toList();
        assertThat(phaseOne).isNotEmpty().hasSizeLessThan(input.size());
        List<String> topics =
                SessionFeaturesSavepoints.createTopics(SERVICES, SessionFeaturesSavepoints.PREFIX);
        SERVICES.sendRecords(phaseOne.stream().map(FixtureRecord::toProducerRecord).toList());
        String keyspace = ContinueWatchingSavepoints.migratedKeyspace(SERVICES);

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        ContinueWatchingSavepoints.environment(work.resolve("checkpoints")));
        SessionFeaturesSavepoints.job(SERVICES, SessionFeaturesSavepoints.PREFIX, keyspace)
                .build(env);
        JobClient job = env.executeAsync("session-features-savepoint-writer");
        ContinueWatchingSavepoints.awaitCaughtUp(
                SERVICES, job, topics, SessionFeaturesSavepoints.GROUP_ID, Duration.ofMinutes(3));
        String savepoint =
                ContinueWatchingSavepoints.stopKeepingState(job, work.resolve("savepoints"));

        long rows;
        try (CqlSession session = SERVICES.newSession(keyspace)) {
            rows = session.execute("SELECT count(*) FROM user_features").one().getLong(0);
        }
        assertThat(rows).as("members with a vector in phase 1").isGreaterThanOrEqualTo(20);
        Path target =
                SessionFeaturesSavepoints.sourceFolder(
                                SessionFeaturesSavepoints.CURRENT_STATE_VERSION)
                        .toAbsolutePath();
        long bytes =
                ContinueWatchingSavepointWriterITCase.copySavepoint(
                        Path.of(java.net.URI.create(savepoint)), target.resolve("savepoint"));
        FixtureRecord.write(target, input);
        LOG.info(
                "Wrote {} ({} bytes of savepoint, {} input records, {} in phase 1, {} rows)",
                target,
                bytes,
                input.size(),
                phaseOne.size(),
                rows);
        assertThat(bytes).as("keep the fixture small").isLessThan(2_000_000);
    }
}
