package io.reelstream.benchmarks.engine;

import io.reelstream.benchmarks.ProcessCpu;
import io.reelstream.engine.FlinkRestProbe;
import io.reelstream.engine.FlinkRestProbe.Aggregate;
import io.reelstream.engine.FlinkRestProbe.MetricValue;
import io.reelstream.engine.LocalEngine;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.StartingOffsets;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.state.rocksdb.RocksDBNativeMetricOptions;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One catch-up measurement: submits jobs on the local engine reading the backlog from the earliest
 * offset (fresh state, own consumer group), waits until their sources have fetched all of it and
 * the records in flight are processed, then until one more checkpoint completes, and reads CPU,
 * sink and RocksDB figures. The jobs keep running until {@link Started#cancel()}.
 */
final class CatchUpRun {

    private static final Logger LOG = LoggerFactory.getLogger(CatchUpRun.class);

    private static final Predicate<String> CURRENT_OFFSET =
            id -> id.contains("KafkaSourceReader.topic.") && id.endsWith(".currentOffset");
    private static final Predicate<String> RECORDS_IN = "numRecordsIn"::equals;
    private static final Predicate<String> CASSANDRA_ROWS =
            Pattern.compile("cassandra\\.[a-z0-9_]+\\.writes$").asPredicate();
    private static final Predicate<String> CASSANDRA_BATCHES =
            Pattern.compile("cassandra\\.[a-z0-9_]+\\.batches$").asPredicate();
    private static final Predicate<String> CASSANDRA_BATCHED_ROWS =
            Pattern.compile("cassandra\\.[a-z0-9_]+\\.batchedRows$").asPredicate();
    private static final Predicate<String> KAFKA_RECORDS =
            FlinkRestProbe.endingWith(".numRecordsSend");
    // the statistics gauges are named rocksdb.<ticker>; metric ids write the dot as '_'
    private static final Predicate<String> ROCKS_BYTES_WRITTEN =
            FlinkRestProbe.endingWith(".rocksdb_bytes_written");
    private static final Predicate<String> ROCKS_COMPACTION_BYTES =
            FlinkRestProbe.endingWith(".rocksdb_compact_write_bytes");

    /** No task received a record for this long: the backlog is processed. */
    private static final Duration QUIET = Duration.ofSeconds(6);

    private final LocalEngine engine;
    private final FlinkRestProbe probe;
    private final Backlog backlog;
    private final ProcessCpu cpu;
    private final int parallelism;
    private final Duration timeout;
    private final Duration checkpointTimeout;

    CatchUpRun(
            LocalEngine engine,
            FlinkRestProbe probe,
            Backlog backlog,
            ProcessCpu cpu,
            int parallelism,
            Duration timeout,
            Duration checkpointTimeout) {
        this.engine = engine;
        this.probe = probe;
        this.backlog = backlog;
        this.cpu = cpu;
        this.parallelism = parallelism;
        this.timeout = timeout;
        this.checkpointTimeout = checkpointTimeout;
    }

    /** The RocksDB native statistics the benchmark reads, enabled on the cluster and the jobs. */
    static Map<String, String> rocksDbMetricOptions() {
        return Map.of(
                RocksDBNativeMetricOptions.MONITOR_BYTES_WRITTEN.key(), "true",
                RocksDBNativeMetricOptions.MONITOR_COMPACTION_WRITE_BYTES.key(), "true");
    }

    /** Jobs submitted by {@link #start}, caught up, with their figures. */
    record Started(JobFigures figures, Map<String, String> jobIds, List<JobClient> clients) {

        /** Cancels the jobs and waits for it. */
        void cancel() throws Exception {
            for (JobClient client : clients) {
                client.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Runs {@code jobs} together from the earliest offset until all have caught up.
     *
     * @param label the run's name in the report ({@code all} for the jobs together), also part of
     *     the consumer group
     */
    Started start(String label, List<BenchJob> jobs) throws Exception {
        Configuration conf = engine.jobConfiguration(parallelism);
        conf.set(IngestOptions.STARTING_OFFSETS, StartingOffsets.EARLIEST);
        conf.addAll(Configuration.fromMap(rocksDbMetricOptions()));
        Set<String> topics = new LinkedHashSet<>();
        Map<String, String> ids = new HashMap<>();
        List<JobClient> clients = new ArrayList<>();
        ProcessCpu.Sample cpuStart = cpu.sample();
        long start = System.nanoTime();
        for (BenchJob job : jobs) {
            Configuration jobConf = new Configuration(conf);
            jobConf.set(IngestOptions.GROUP_ID, "bench-engine-" + label + "-" + job.name());
            JobClient client =
                    engine.flink()
                            .submit(job.jobName(), jobConf, env -> job.graph().build(jobConf, env));
            clients.add(client);
            ids.put(job.name(), client.getJobID().toHexString());
            topics.addAll(job.topics());
        }
        double fetchSeconds = awaitCaughtUp(jobs, ids, start);
        Drained drained = awaitDrained(ids, start);
        ProcessCpu.Sample cpuEnd = drained.cpu();
        long checkpointMs = -1;
        long stateBytes = 0;
        long uploadedBytes = 0;
        for (String id : ids.values()) {
            FlinkRestProbe.Checkpoints cp = awaitNextCheckpoint(id);
            checkpointMs = Math.max(checkpointMs, cp.latestDurationMs());
            stateBytes += Math.max(0, cp.latestFullStateBytes());
            uploadedBytes += Math.max(0, cp.latestCheckpointedBytes());
        }
        long rows = (long) sum(ids, CASSANDRA_ROWS);
        JobFigures figures =
                new JobFigures(
                        label,
                        backlog.recordsIn(List.copyOf(topics)),
                        fetchSeconds,
                        drained.seconds(),
                        cpuEnd.clientNanos() - cpuStart.clientNanos(),
                        cpuEnd.jitNanos() < 0 || cpuStart.jitNanos() < 0
                                ? -1
                                : Math.max(0, cpuEnd.jitNanos() - cpuStart.jitNanos()),
                        cpuEnd.cassandraNanos() < 0
                                ? -1
                                : cpuEnd.cassandraNanos() - cpuStart.cassandraNanos(),
                        rows,
                        rows == 0
                                ? 0
                                : JobFigures.requests(
                                        rows,
                                        (long) sum(ids, CASSANDRA_BATCHES),
                                        (long) sum(ids, CASSANDRA_BATCHED_ROWS)),
                        (long) sum(ids, KAFKA_RECORDS),
                        sum(ids, ROCKS_BYTES_WRITTEN),
                        sum(ids, ROCKS_COMPACTION_BYTES),
                        checkpointMs,
                        stateBytes,
                        uploadedBytes);
        return new Started(figures, ids, clients);
    }

    /** Seconds from {@code startNanos} until every job's sources fetched their backlog. */
    private double awaitCaughtUp(List<BenchJob> jobs, Map<String, String> ids, long startNanos)
            throws Exception {
        long deadline = startNanos + timeout.toNanos();
        long nextLog = startNanos;
        while (true) {
            long remaining = 0;
            long total = 0;
            for (BenchJob job : jobs) {
                SourceProgress progress = progress(ids.get(job.name()), job.topics());
                remaining += progress.remaining();
                total += progress.backlogRecords();
            }
            long now = System.nanoTime();
            if (remaining == 0) {
                return (now - startNanos) / 1e9;
            }
            if (now > deadline) {
                throw new IllegalStateException(
                        "not caught up after " + timeout + ": " + remaining + " records left");
            }
            if (now >= nextLog) {
                LOG.info("Catch-up: {} of {} backlog records left", remaining, total);
                nextLog = now + Duration.ofSeconds(10).toNanos();
            }
            Thread.sleep(500);
        }
    }

    /** When the records in flight were processed, and the CPU times then. */
    private record Drained(double seconds, ProcessCpu.Sample cpu) {}

    /**
     * After the sources fetched the backlog, waits until the records in flight (network buffers,
     * operators) are processed: the sum of every task's {@code numRecordsIn} stops changing for
     * {@link #QUIET}. The end is the first moment the final sum was seen (the REST API refreshes
     * metrics every 2 s here, so it is late by at most that).
     */
    private Drained awaitDrained(Map<String, String> ids, long startNanos) throws Exception {
        long deadline = startNanos + timeout.toNanos();
        double last = -1;
        long changedAt = System.nanoTime();
        ProcessCpu.Sample cpuAtChange = cpu.sample();
        while (System.nanoTime() - changedAt < QUIET.toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("records still in flight after " + timeout);
            }
            double now = sum(ids, RECORDS_IN);
            if (now != last) {
                last = now;
                changedAt = System.nanoTime();
                cpuAtChange = cpu.sample();
            }
            Thread.sleep(500);
        }
        return new Drained((changedAt - startNanos) / 1e9, cpuAtChange);
    }

    private SourceProgress progress(String jobId, List<String> topics) throws Exception {
        Map<TopicPartition, Long> current = new HashMap<>();
        for (MetricValue v : probe.metricValues(jobId, CURRENT_OFFSET, Aggregate.MAX)) {
            SourceProgress.partitionOf(v.id())
                    .ifPresent(tp -> current.merge(tp, (long) v.value(), Math::max));
        }
        return SourceProgress.of(backlog.endOffsets(), topics, current);
    }

    /** Failed checkpoints of the started jobs so far (read before they are cancelled). */
    long failedCheckpoints(Started started) throws Exception {
        long failed = 0;
        for (String id : started.jobIds().values()) {
            failed += probe.checkpoints(id).failed();
        }
        return failed;
    }

    private FlinkRestProbe.Checkpoints awaitNextCheckpoint(String jobId) throws Exception {
        long before = probe.checkpoints(jobId).completed();
        long deadline = System.nanoTime() + checkpointTimeout.toNanos();
        FlinkRestProbe.Checkpoints cp = probe.checkpoints(jobId);
        while (cp.completed() <= before && System.nanoTime() < deadline) {
            Thread.sleep(500);
            cp = probe.checkpoints(jobId);
        }
        if (cp.completed() <= before) {
            LOG.warn("No checkpoint of {} completed within {}", jobId, checkpointTimeout);
        }
        return cp;
    }

    private double sum(Map<String, String> ids, Predicate<String> metric) throws Exception {
        double total = 0;
        for (String id : ids.values()) {
            double v = probe.metric(id, metric, Aggregate.SUM);
            total += Double.isNaN(v) ? 0 : v;
        }
        return total;
    }
}
