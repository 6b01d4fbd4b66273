package io.reelstream.tests.evolution;

import io.reelstream.tests.qoe.QoeJobRun;
import io.reelstream.tests.support.SharedServices;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.Row;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading the QoE job across its state schema changes, from the committed savepoints of state
 * schema v1 and v2 ({@code savepoints/qoe-v1} and {@code -v2}, written by {@link
 * QoeSavepointWriterITCase} with the code of each; each on topics of its own, see {@link
 * QoeSavepoints}). v2 kept play states, CMCD requests and reported values apart ({@code
 * PlaybackSessionState} gained fields, pending samples moved to {@code qoe-pending-samples-v2}); v3
 * holds one {@code qoe-playback} value per playback id and migrates the v1 and v2 states per key on
 * first access after a restore (v1 sessions through their resume, v1 pending samples still
 * drained). On real Kafka and Cassandra, MiniCluster with RocksDB, parallelism 2: the current job
 * restores each savepoint, reads the rest of the stream, and every playback it summarizes equals
 * the summary of a run of the current job over the whole stream.
 */
class QoeStateEvolutionITCase {

    private static final Logger LOG = LoggerFactory.getLogger(QoeStateEvolutionITCase.class);

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    @TempDir Path work;

    @ParameterizedTest(name = "state v{0}")
    @ValueSource(ints = {1, 2})
    void theCurrentJobRestoresTheSavepointAndSummarizesAsARunOverTheWholeStream(int stateVersion)
            throws Exception {
        String resource = QoeSavepoints.LAYOUT.resource(stateVersion);
        String prefix = QoeSavepoints.LAYOUT.topicPrefix(stateVersion);
        List<FixtureRecord> input = FixtureRecord.load(resource);
        List<String> topics = QoeSavepoints.createTopics(SERVICES, prefix);
        // The topics hold what they held when the savepoint was taken, then the new records.
        SERVICES.sendRecords(records(input, 1, prefix, prefix));
        SERVICES.sendRecords(records(input, 2, prefix, prefix));
        String keyspace = QoeJobRun.migratedKeyspace(SERVICES);

        Configuration conf = ContinueWatchingSavepoints.environment(work.resolve("checkpoints"));
        Path savepoint = ContinueWatchingSavepoints.copyOfCommitted(resource, work);
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        QoeJobRun.job(SERVICES, prefix, keyspace, QoeSavepoints.GROUP_ID, false).build(env);
        JobClient job = env.executeAsync("qoe-restore-v" + stateVersion);
        ContinueWatchingSavepoints.awaitCaughtUp(
                SERVICES, job, topics, QoeSavepoints.GROUP_ID, Duration.ofMinutes(4));
        // Drain: the end of event time closes every open playback.
        job.stopWithSavepoint(
                        true,
                        work.resolve("after").toUri().toString(),
                        SavepointFormatType.CANONICAL)
                .get(3, TimeUnit.MINUTES);
        job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        Map<String, Map<String, Object>> restored = rows(keyspace);

        String referencePrefix = SERVICES.uniqueTopicPrefix();
        QoeSavepoints.createTopics(SERVICES, referencePrefix);
        SERVICES.sendRecords(records(input, 1, prefix, referencePrefix));
        SERVICES.sendRecords(records(input, 2, prefix, referencePrefix));
        String referenceKeyspace = QoeJobRun.migratedKeyspace(SERVICES);
        QoeJobRun.run(SERVICES, referencePrefix, referenceKeyspace, "qoe-evolution-reference");
        Map<String, Map<String, Object>> reference = rows(referenceKeyspace);

        Set<String> inPhaseTwo = playbacksOf(input, 2);
        Set<String> straddling = playbacksOf(input, 1);
        straddling.retainAll(inPhaseTwo);
        LOG.info(
                "Restored v{}: {} playbacks summarized after the restore, {} straddle the"
                        + " savepoint, {} in the reference",
                stateVersion,
                restored.size(),
                straddling.size(),
                reference.size());
        assertThat(straddling).as("playbacks open across the savepoint").hasSizeGreaterThan(3);
        assertThat(restored.keySet())
                .as("every playback with samples after the savepoint is summarized")
                .containsAll(inPhaseTwo);
        // The previous releases forgave a silence longer than the inactivity timeout when the
        // next sample was already buffered as the watermark passed the timeout (in a catch-up,
        // not live): the savepoint holds such playbacks merged. State v3 abandons at the timeout
        // in event time, whatever arrived when, so those playbacks cannot be compared.
        Set<String> forgivenBefore = silentPastTheTimeout(input, 1);
        LOG.info(
                "{} playbacks have a silence past the timeout before the savepoint: {}",
                forgivenBefore.size(),
                forgivenBefore);
        assertThat(straddling.stream().filter(id -> !forgivenBefore.contains(id)))
                .as("playbacks open across the savepoint that can be compared")
                .hasSizeGreaterThan(3);
        List<String> different =
                new TreeMap<>(restored)
                        .entrySet().stream()
                                .filter(e -> !forgivenBefore.contains(e.getKey()))
                                .filter(e -> !e.getValue().equals(reference.get(e.getKey())))
                                .map(
                                        e ->
                                                e.getKey()
                                                        + ": restored "
                                                        + e.getValue()
                                                        + " whole stream "
                                                        + reference.get(e.getKey()))
                                .toList();
        assertThat(different).as("summaries that differ from the whole-stream run").isEmpty();
    }

    /**
     * The fixture's records of {@code phase}, moved from the fixture's topics (under {@code
     * fixturePrefix}) to the same topics under {@code prefix}.
     */
    private static List<ProducerRecord<byte[], byte[]>> records(
            List<FixtureRecord> input, int phase, String fixturePrefix, String prefix) {
        return input.stream()
                .filter(r -> r.phase() == phase)
                .map(
                        r ->
                                new FixtureRecord(
                                        r.phase(),
                                        prefix + r.topic().substring(fixturePrefix.length()),
                                        r.partition(),
                                        r.timestamp(),
                                        r.key(),
                                        r.value()))
                .map(FixtureRecord::toProducerRecord)
                .toList();
    }

    /**
     * Playback ids whose samples of {@code phase} have a silence longer than the inactivity timeout
     * (event time) followed by another sample.
     */
    private static Set<String> silentPastTheTimeout(List<FixtureRecord> input, int phase) {
        Map<String, List<Long>> times = new HashMap<>();
        input.stream()
                .filter(r -> r.phase() == phase && !r.key().isEmpty())
                .forEach(
                        r ->
                                times.computeIfAbsent(r.key(), k -> new ArrayList<>())
                                        .add(r.timestamp()));
        Set<String> silent = new TreeSet<>();
        times.forEach(
                (playback, sampleTimes) -> {
                    Collections.sort(sampleTimes);
                    for (int i = 1; i < sampleTimes.size(); i++) {
                        if (sampleTimes.get(i) - sampleTimes.get(i - 1)
                                > QoeJobRun.INACTIVITY_TIMEOUT.toMillis()) {
                            silent.add(playback);
                        }
                    }
                });
        return silent;
    }

    /** Playback ids with a telemetry sample in {@code phase} (the record key is the playback). */
    private static Set<String> playbacksOf(List<FixtureRecord> input, int phase) {
        return input.stream()
                .filter(r -> r.phase() == phase && !r.key().isEmpty())
                .map(FixtureRecord::key)
                .collect(Collectors.toSet());
    }

    private static Map<String, Map<String, Object>> rows(String keyspace) {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        try (CqlSession session = SERVICES.newSession(keyspace)) {
            for (Row row : session.execute("SELECT * FROM playback_qoe")) {
                Map<String, Object> columns = new TreeMap<>();
                for (ColumnDefinition column : row.getColumnDefinitions()) {
                    String name = column.getName().asInternal();
                    columns.put(name, row.getObject(name));
                }
                rows.put(row.getString("playback_id"), columns);
            }
        }
        return rows;
    }
}
