package io.reelstream.tests.evolution;

import io.reelstream.tests.qoe.QoeJobRun;
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
 * Writes the QoE savepoint fixture of the current state schema version ({@code
 * QoeSavepoints.CURRENT_STATE_VERSION}): the real QoE job on real Kafka and Cassandra (MiniCluster,
 * RocksDB, parallelism 2) reads phase 1 of the fixture's input on the version's fixed topics, is
 * stopped with a canonical savepoint while playbacks are open and samples wait for the watermark,
 * and the savepoint plus the whole input are copied into {@code
 * src/test/resources/savepoints/qoe-v<version>/}. Disabled unless {@code
 * -Dreelstream.savepoints.regenerate=true}; run only with the code of the release the fixture
 * stands for (docs/state-evolution.md), in a run of its own (the topics must start empty):
 *
 * <pre>
 * mvn -B verify -pl tests -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.failIfNoSpecifiedTests=false -Dit.test=QoeSavepointWriterITCase \
 *     -Dreelstream.savepoints.regenerate=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "reelstream.savepoints.regenerate", matches = "true")
class QoeSavepointWriterITCase {

    private static final Logger LOG = LoggerFactory.getLogger(QoeSavepointWriterITCase.class);

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    @TempDir Path work;

    @Test
    void writeTheSavepointOfTheCurrentStateVersionAndItsInput() throws Exception {
        int version = QoeSavepoints.CURRENT_STATE_VERSION;
        String prefix = QoeSavepoints.LAYOUT.topicPrefix(version);
        List<FixtureRecord> input = QoeSavepoints.generate(version);
        List<FixtureRecord> phaseOne = input.stream().filter(r -> r.phase() == 1).toList();
        assertThat(phaseOne).isNotEmpty().hasSizeLessThan(input.size());
        List<String> topics = QoeSavepoints.createTopics(SERVICES, prefix);
        SERVICES.sendRecords(phaseOne.stream().map(FixtureRecord::toProducerRecord).toList());
        String keyspace = QoeJobRun.migratedKeyspace(SERVICES);

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        ContinueWatchingSavepoints.environment(work.resolve("checkpoints")));
        QoeJobRun.job(SERVICES, prefix, keyspace, QoeSavepoints.GROUP_ID, false).build(env);
        JobClient job = env.executeAsync("qoe-savepoint-writer");
        ContinueWatchingSavepoints.awaitCaughtUp(
                SERVICES, job, topics, QoeSavepoints.GROUP_ID, Duration.ofMinutes(3));
        String savepoint =
                ContinueWatchingSavepoints.stopKeepingState(job, work.resolve("savepoints"));

        long rows;
        try (CqlSession session = SERVICES.newSession(keyspace)) {
            rows = session.execute("SELECT count(*) FROM playback_qoe").one().getLong(0);
        }
        assertThat(rows).as("phase 1 closed playbacks").isPositive();
        long playbacks = phaseOne.stream().map(FixtureRecord::key).distinct().count();
        assertThat(playbacks - rows)
                .as("playbacks still open in the savepoint: the state is not trivial")
                .isGreaterThanOrEqualTo(5);
        Path target = QoeSavepoints.LAYOUT.sourceFolder(version).toAbsolutePath();
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
