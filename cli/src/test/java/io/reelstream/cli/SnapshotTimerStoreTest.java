package io.reelstream.cli;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend.PriorityQueueStateType;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.reelstream.cli.SnapshotTimerStore.CANONICAL;
import static io.reelstream.cli.SnapshotTimerStore.NATIVE_HEAP_TIMERS;
import static io.reelstream.cli.SnapshotTimerStore.NATIVE_NO_TIMERS;
import static io.reelstream.cli.SnapshotTimerStore.NATIVE_ROCKSDB_TIMERS;
import static io.reelstream.cli.SnapshotTimerStore.NATIVE_SAVEPOINT_NO_TIMERS;
import static org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP;
import static org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend.PriorityQueueStateType.ROCKSDB;
import static org.assertj.core.api.Assertions.assertThat;

class SnapshotTimerStoreTest {

    /** Timers registered so far by the running job (it runs in this JVM). */
    private static final AtomicInteger TIMERS = new AtomicInteger();

    @TempDir Path root;

    @Test
    void shouldTellTheTimerStoreOfSnapshotsTakenWithEitherStore() throws Exception {
        for (PriorityQueueStateType store : PriorityQueueStateType.values()) {
            Path checkpoints = root.resolve(store + "-checkpoints");
            JobClient job = startJob(store, checkpoints);
            String canonical;
            String nativeFormat;
            try {
                awaitTimers();
                int seen =
                        latestCheckpoint(checkpoints).map(SnapshotTimerStoreTest::number).orElse(0);
                canonical = savepoint(job, SavepointFormatType.CANONICAL);
                nativeFormat = savepoint(job, SavepointFormatType.NATIVE);
                // A checkpoint begun after the timers (savepoints take checkpoint ids too).
                awaitCheckpoint(checkpoints, seen + 2);
            } finally {
                cancel(job);
            }
            Path checkpoint = latestCheckpoint(checkpoints).orElseThrow();

            assertThat(SnapshotTimerStore.read(canonical)).as("canonical").isEqualTo(CANONICAL);
            if (store == ROCKSDB) {
                // As a file: URI, as a plain folder and as the _metadata file itself.
                Path folder = Path.of(URI.create(nativeFormat));
                assertThat(SnapshotTimerStore.read(nativeFormat)).isEqualTo(NATIVE_ROCKSDB_TIMERS);
                assertThat(SnapshotTimerStore.read(folder.toString()))
                        .isEqualTo(NATIVE_ROCKSDB_TIMERS);
                assertThat(SnapshotTimerStore.read(folder.resolve("_metadata").toString()))
                        .isEqualTo(NATIVE_ROCKSDB_TIMERS);
                assertThat(SnapshotTimerStore.read(checkpoint.toString()))
                        .as("retained checkpoint")
                        .isEqualTo(NATIVE_ROCKSDB_TIMERS);
                assertDeployRefuses(nativeFormat, HEAP);
            } else {
                assertThat(SnapshotTimerStore.read(checkpoint.toUri().toString()))
                        .as("retained checkpoint")
                        .isEqualTo(NATIVE_HEAP_TIMERS);
                assertDeployRefuses(checkpoint.toString(), ROCKSDB);
                // Flink 2.2.1 writes heap timers into checkpoints only: a native savepoint has
                // none, and is refused into either store.
                assertThat(SnapshotTimerStore.read(nativeFormat))
                        .isEqualTo(NATIVE_SAVEPOINT_NO_TIMERS);
                assertDeployRefuses(nativeFormat, HEAP);
            }
        }
    }

    @Test
    void shouldRefuseOnlyANativeSnapshotOfTheOtherStore() {
        assertThat(NATIVE_ROCKSDB_TIMERS.losesTimersIn(HEAP)).isTrue();
        assertThat(NATIVE_HEAP_TIMERS.losesTimersIn(ROCKSDB)).isTrue();
        assertThat(NATIVE_ROCKSDB_TIMERS.losesTimersIn(ROCKSDB)).isFalse();
        assertThat(NATIVE_HEAP_TIMERS.losesTimersIn(HEAP)).isFalse();
        for (PriorityQueueStateType store : PriorityQueueStateType.values()) {
            assertThat(CANONICAL.losesTimersIn(store)).isFalse();
            assertThat(NATIVE_NO_TIMERS.losesTimersIn(store)).isFalse();
            assertThat(NATIVE_SAVEPOINT_NO_TIMERS.losesTimersIn(store)).isTrue();
        }
    }

    @Test
    void shouldReadTheJobsTimerStoreFromSetElseTheClusterElseFlinksDefault() throws Exception {
        String key = RocksDBOptions.TIMER_SERVICE_FACTORY.key();
        var heapCluster =
                new ObjectMapper()
                        .readTree(
                                "[{\"key\":\"state.backend.type\",\"value\":\"rocksdb\"},"
                                        + "{\"key\":\""
                                        + key
                                        + "\",\"value\":\"heap\"}]");
        var plainCluster = new ObjectMapper().readTree("[]");

        assertThat(ClusterTarget.timerStore(heapCluster, Map.of())).isEqualTo(HEAP);
        assertThat(ClusterTarget.timerStore(plainCluster, Map.of())).isEqualTo(ROCKSDB);
        assertThat(ClusterTarget.timerStore(heapCluster, Map.of(key, "ROCKSDB")))
                .isEqualTo(ROCKSDB);
    }

    /** {@code deploy} refuses {@code snapshot} into {@code store} before it contacts a cluster. */
    private static void assertDeployRefuses(String snapshot, PriorityQueueStateType store) {
        StringWriter err = new StringWriter();
        int exit =
                new CommandLine(new DeployCommand())
                        .setErr(new PrintWriter(err))
                        .execute(
                                "qoe",
                                "--to=http://127.0.0.1:9",
                                "--set=" + RocksDBOptions.TIMER_SERVICE_FACTORY.key() + "=" + store,
                                "--from-savepoint=" + snapshot);
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("Refusing " + snapshot)
                .contains("take a canonical savepoint (./reelstream stop qoe --savepoint)");
    }

    private static JobClient startJob(PriorityQueueStateType store, Path checkpoints)
            throws Exception {
        TIMERS.set(0);
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300));
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(RocksDBOptions.TIMER_SERVICE_FACTORY, store);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.fromSource(
                        new DataGeneratorSource<>(
                                index -> index % 100,
                                Long.MAX_VALUE,
                                RateLimiterStrategy.perSecond(500),
                                Types.LONG),
                        WatermarkStrategy.noWatermarks(),
                        "numbers")
                .keyBy(value -> value)
                .process(new TimerPerKey())
                .sinkTo(new DiscardingSink<>());
        return env.executeAsync("timer-store-" + store);
    }

    private static void awaitTimers() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (TIMERS.get() < 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(TIMERS.get()).as("timers registered").isGreaterThanOrEqualTo(200);
    }

    private String savepoint(JobClient job, SavepointFormatType format) throws Exception {
        return job.triggerSavepoint(root.resolve("savepoints").toUri().toString(), format)
                .get(30, TimeUnit.SECONDS);
    }

    /** Cancels {@code job} and waits until it has ended (its last checkpoint then stays). */
    private static void cancel(JobClient job) throws Exception {
        job.cancel().get(30, TimeUnit.SECONDS);
        try {
            job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException cancelled) {
            // the job ended by cancellation, as asked
        }
    }

    private static void awaitCheckpoint(Path checkpoints, int number) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (latestCheckpoint(checkpoints).map(SnapshotTimerStoreTest::number).orElse(0)
                < number) {
            assertThat(System.nanoTime()).as("checkpoint %d taken", number).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The newest {@code chk-N} folder with a {@code _metadata} file under {@code checkpoints}. */
    private static Optional<Path> latestCheckpoint(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(checkpoints)) {
            return files.filter(file -> file.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .filter(folder -> folder.getFileName().toString().startsWith("chk-"))
                    .max(Comparator.comparingInt(SnapshotTimerStoreTest::number));
        }
    }

    private static int number(Path checkpoint) {
        return Integer.parseInt(checkpoint.getFileName().toString().substring("chk-".length()));
    }

    /**
     * Counts each key in RocksDB and registers one event-time timer per key (no watermarks, so none
     * fires); without keyed state in RocksDB a snapshot with heap timers would hold no RocksDB
     * handle at all.
     */
    private static final class TimerPerKey extends KeyedProcessFunction<Long, Long, Long> {
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<Long> out)
                throws IOException {
            Long seen = count.value();
            count.update(seen == null ? 1 : seen + 1);
            ctx.timerService().registerEventTimeTimer(1_000_000L + value);
            TIMERS.incrementAndGet();
        }
    }
}
