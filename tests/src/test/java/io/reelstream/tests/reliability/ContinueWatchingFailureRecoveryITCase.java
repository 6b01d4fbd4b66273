package io.reelstream.tests.reliability;

import io.reelstream.pipelines.continuewatching.ContinueWatchingJobSettings;
import io.reelstream.tests.continuewatching.ContinueWatchingTraffic;
import io.reelstream.tests.continuewatching.ContinueWatchingTraffic.Entry;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.tests.support.TestFlinkCluster;
import io.reelstream.udfs.continuewatching.model.ContinueWatchingSettings;

import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #9, fault 1, for the continue-watching job: the production graph (RocksDB, checkpoints
 * every 500 ms, fixed-delay restarts, parallelism 2, real Kafka and Cassandra) fails once in the
 * middle of the stream after a checkpoint and once inside a checkpoint of the restored job, while
 * playback keeps arriving. Afterwards every {@code continue_watching} row equals the failure-free
 * reference row that {@code ContinueWatchingITCase} checks a failure-free run against: same users,
 * same entries (title, series, bookmark, last watched, device), in the same order.
 *
 * <p>The input is bounded but not there yet when the job starts: the test assigns each record's
 * partition itself (one partition per user, as the key would), so it knows every partition's end
 * offset up front, and the Kafka sources stop there. The end of input then settles the last
 * watermark's pending events and flushes exactly as in the failure-free run, which makes the
 * comparison exact.
 */
class ContinueWatchingFailureRecoveryITCase {

    private static final Logger LOG =
            LoggerFactory.getLogger(ContinueWatchingFailureRecoveryITCase.class);

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestFlinkCluster.twoSlotsReportingTo(REPORTER);

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final int PARALLELISM = 2;
    private static final int BATCHES = 12;
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @Test
    void shouldWriteTheFailureFreeRowsAfterFailuresMidStreamAndDuringACheckpoint(
            @TempDir Path checkpoints) throws Exception {
        long start = System.currentTimeMillis() - 4 * HOUR;
        ContinueWatchingTraffic traffic = ContinueWatchingTraffic.generate(start, start + 3 * HOUR);
        String prefix = SERVICES.uniqueTopicPrefix();
        SERVICES.createTopics(prefix);
        String keyspace = ContinueWatchingTraffic.migratedKeyspace(SERVICES);
        String group = prefix + "continue-watching";
        ContinueWatchingJobSettings options =
                ContinueWatchingTraffic.options(SERVICES, prefix, group);
        Map<String, List<Entry>> expected =
                traffic.referenceRows(ContinueWatchingSettings.DEFAULTS);

        Map<String, Integer> partitions =
                FaultRecovery.partitionCounts(
                        SERVICES.bootstrapServers(),
                        List.of(options.playbackTopic(), options.catalogTopic()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        List<ProducerRecord<byte[], byte[]>> catalog = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> playback = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> record :
                ContinueWatchingTraffic.producerRecords(prefix, traffic.records())) {
            ProducerRecord<byte[], byte[]> placed = place(record, partitions, ends);
            (placed.topic().equals(options.catalogTopic()) ? catalog : playback).add(placed);
        }

        FaultPlan plan = FaultPlan.midStreamThenDuringCheckpoint(20);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(FaultRecovery.faultTolerance(checkpoints));
        env.setParallelism(PARALLELISM);
        OffsetsInitializer stopAt = OffsetsInitializer.offsets(ends);
        ContinueWatchingTraffic.job(
                        SERVICES,
                        options,
                        keyspace,
                        FaultInjectingSource.wrap(
                                ContinueWatchingTraffic.boundedSource(
                                        SERVICES, options.playbackTopic(), group, stopAt),
                                plan),
                        ContinueWatchingTraffic.boundedSource(
                                SERVICES, options.catalogTopic(), group, stopAt))
                .build(env);

        SERVICES.sendRecords(catalog);
        JobClient job = env.executeAsync("continue-watching-failure-recovery-itcase");
        try {
            FaultRecovery.sendWhileFaultsHappen(
                    playback, BATCHES, Duration.ofMillis(700), plan, SERVICES::sendRecords);
            // the sources stop at the known ends: the job finishes by itself
            job.getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            plan.close();
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
            }
        }

        long restarts = FaultRecovery.restarts(REPORTER, job.getJobID());
        Map<String, List<Entry>> stored =
                new HashMap<>(ContinueWatchingTraffic.cassandraRows(SERVICES, keyspace));
        stored.values().removeIf(List::isEmpty);
        LOG.info(
                "playback records {}, faults injected {}, readers created {}, restarts {},"
                        + " users with a row {}, stored {}",
                playback.size(),
                plan.faultsInjected(),
                plan.readersCreated(),
                restarts,
                expected.size(),
                stored.size());
        FaultRecovery.assertRecoveredFromBothFaults(plan, restarts, PARALLELISM);
        assertThat(expected.size()).as("traffic gives many users a row").isGreaterThan(10);
        assertThat(ContinueWatchingTraffic.handOffs(expected)).isPositive();
        assertThat(stored.keySet()).isEqualTo(expected.keySet());
        assertThat(stored).isEqualTo(expected);
        assertThat(
                        SERVICES.read(
                                options.deadLetterTopic(),
                                traffic.malformed(),
                                Duration.ofSeconds(30)))
                .as("every malformed record dead-lettered (at least once: the sink is)")
                .hasSizeGreaterThanOrEqualTo(traffic.malformed());
    }

    /**
     * The record on an explicit partition (a hash of its key, like Kafka's own partitioner keeps a
     * user on one partition; keyless records on partition 0), counted into {@code ends}.
     */
    private static ProducerRecord<byte[], byte[]> place(
            ProducerRecord<byte[], byte[]> record,
            Map<String, Integer> partitions,
            Map<TopicPartition, Long> ends) {
        int count = partitions.get(record.topic());
        int partition =
                record.key() == null ? 0 : Math.floorMod(Arrays.hashCode(record.key()), count);
        for (int p = 0; p < count; p++) {
            ends.putIfAbsent(new TopicPartition(record.topic(), p), 0L);
        }
        ends.merge(new TopicPartition(record.topic(), partition), 1L, Long::sum);
        return new ProducerRecord<>(
                record.topic(), partition, record.timestamp(), record.key(), record.value());
    }
}
