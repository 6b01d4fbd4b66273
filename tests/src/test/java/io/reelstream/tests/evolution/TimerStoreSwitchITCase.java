package io.reelstream.tests.evolution;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.changelog.fs.FsStateChangelogOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend.PriorityQueueStateType;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where RocksDB keeps the timers ({@code state.backend.rocksdb.timer-service.factory}) changed from
 * {@code ROCKSDB} to {@code HEAP} in the engine's configurations, and an operator may go back. A
 * job's pending event-time timers must survive a restore across that switch in both directions from
 * the snapshots an upgrade or a rollback uses: canonical and native savepoints, and a retained
 * incremental checkpoint. The first run registers one timer per key with RocksDB as {@code from};
 * the second restores with {@code to} and ends its input, so every restored timer fires. Each key
 * comes once; an idle key without a timer keeps the state changing afterwards. MiniCluster with
 * RocksDB at parallelism 2.
 */
class TimerStoreSwitchITCase {

    private static final int KEYS = 100;
    private static final long TIMER_BASE = 1_000_000L;

    /** The key of the records after the first {@link #KEYS}: counted, no timer. */
    private static final long IDLE_KEY = -1L;

    /** The changelog's materialization interval in {@link #underTheChangelog}. */
    private static final Duration MATERIALIZATION = Duration.ofSeconds(1);

    /** Keys the first run's operator has seen, across its subtasks (one JVM: the MiniCluster). */
    private static final Set<Long> SEEN = ConcurrentHashMap.newKeySet();

    @TempDir Path work;

    @ParameterizedTest(name = "{0} -> {1} through {2}")
    @CsvSource({
        "ROCKSDB, HEAP, CANONICAL_SAVEPOINT",
        "HEAP, ROCKSDB, CANONICAL_SAVEPOINT",
        "HEAP, ROCKSDB, RETAINED_CHECKPOINT",
        "ROCKSDB, ROCKSDB, NATIVE_SAVEPOINT",
        "HEAP, HEAP, RETAINED_CHECKPOINT",
    })
    void everyPendingTimerFiresAfterTheRestore(
            PriorityQueueStateType from, PriorityQueueStateType to, Snapshot snapshot)
            throws Exception {
        assertEveryTimerFired(restoreAndEnd(from, to, snapshot, false));
    }

    /**
     * Flink's changelog state backend checkpoints timers through its change log and materializes
     * RocksDB incrementally, which leaves heap timers out: a retained checkpoint taken after a
     * materialization has none of the heap timers registered before it, and the restore says
     * nothing. Timers in RocksDB are kept. Hence {@code ChangelogTimerGuard}; should the heap case
     * start to fail, Flink keeps the timers now and the guard can go.
     */
    @ParameterizedTest(name = "timers in {0} under the changelog")
    @CsvSource({"ROCKSDB", "HEAP"})
    void underTheChangelog(PriorityQueueStateType timers) throws Exception {
        List<String> fires = restoreAndEnd(timers, timers, Snapshot.RETAINED_CHECKPOINT, true);

        if (timers == PriorityQueueStateType.ROCKSDB) {
            assertEveryTimerFired(fires);
        } else {
            assertThat(fires)
                    .as("heap timers that fired after the restore")
                    .hasSizeLessThan(KEYS / 2);
        }
    }

    private static void assertEveryTimerFired(List<String> fires) {
        assertThat(fires)
                .as("one timer per key fires after the restore, with the key's restored count")
                .hasSize(KEYS)
                .allSatisfy(fire -> assertThat(fire).matches("\\d+ fired at \\d+ after [1-9]\\d*"));
        assertThat(fires.stream().map(fire -> Long.parseLong(fire.split(" ")[0])).distinct())
                .hasSize(KEYS);
        assertThat(fires)
                .allSatisfy(
                        fire -> {
                            String[] parts = fire.split(" ");
                            assertThat(Long.parseLong(parts[3]))
                                    .isEqualTo(TIMER_BASE + Long.parseLong(parts[0]));
                        });
    }

    /**
     * Flink 2.2 restores a native snapshot (a native savepoint, a retained incremental checkpoint)
     * across the switch without error but without the timers: RocksDB's own files hold timers kept
     * in RocksDB, raw keyed state holds heap timers, and the restore reads only the one the new
     * setting expects; and a native savepoint holds no heap timers at all (heap to heap too). Hence
     * the switch goes through a canonical savepoint, and {@code reelstream deploy --from-savepoint}
     * refuses a native snapshot taken with the other store or a native savepoint without timers.
     * Should this start to fail, Flink keeps the timers now and the refusal can go.
     */
    @ParameterizedTest(name = "{0} -> {1} through {2}")
    @CsvSource({
        "ROCKSDB, HEAP, NATIVE_SAVEPOINT",
        "ROCKSDB, HEAP, RETAINED_CHECKPOINT",
        "HEAP, ROCKSDB, NATIVE_SAVEPOINT",
        "HEAP, HEAP, NATIVE_SAVEPOINT",
    })
    void aNativeSnapshotLosesTheTimersAcrossTheSwitch(
            PriorityQueueStateType from, PriorityQueueStateType to, Snapshot snapshot)
            throws Exception {
        List<String> fires = restoreAndEnd(from, to, snapshot, false);

        assertThat(fires).as("timers that fired after the restore").hasSizeLessThan(KEYS / 2);
    }

    /**
     * Runs the first job with timers in {@code from} until every key has a timer (and, with the
     * {@code changelog}, a few materializations later), takes {@code snapshot}, cancels, restores
     * it with timers in {@code to} and ends the input: returns the timers that fired.
     */
    private List<String> restoreAndEnd(
            PriorityQueueStateType from,
            PriorityQueueStateType to,
            Snapshot snapshot,
            boolean changelog)
            throws Exception {
        SEEN.clear();
        Path checkpoints = work.resolve("checkpoints");
        StreamExecutionEnvironment first =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        configuration(from, checkpoints, changelog));
        first.fromSource(
                        new DataGeneratorSource<>(
                                index -> index < KEYS ? index : IDLE_KEY,
                                Long.MAX_VALUE,
                                RateLimiterStrategy.perSecond(500),
                                Types.LONG),
                        WatermarkStrategy.noWatermarks(),
                        "keys")
                .uid("keys")
                .keyBy(key -> key, Types.LONG)
                .process(new TimerPerKey())
                .uid("timers")
                .name("timers")
                .sinkTo(new DiscardingSink<>())
                .uid("discard");
        JobClient job = first.executeAsync("timers-" + from);
        awaitAllKeysSeen(Duration.ofMinutes(1));
        if (changelog) {
            // no completion hook for a materialization: wait out three of them
            Thread.sleep(MATERIALIZATION.multipliedBy(3).toMillis());
        }
        String restoreFrom = snapshot.take(job, work, checkpoints, Instant.now());
        job.cancel().get(1, TimeUnit.MINUTES);

        Configuration restore = configuration(to, work.resolve("checkpoints-2"), changelog);
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        restore.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        if (changelog) {
            // the changelog cannot take the full first checkpoint that NO_CLAIM asks for
            restore.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
        }
        StreamExecutionEnvironment second =
                StreamExecutionEnvironment.getExecutionEnvironment(restore);
        DataStream<String> fired =
                second.fromSource(
                                new DataGeneratorSource<>(index -> index, 0, Types.LONG),
                                WatermarkStrategy.noWatermarks(),
                                "no more keys")
                        .uid("no-more-keys")
                        .keyBy(key -> key, Types.LONG)
                        .process(new TimerPerKey())
                        .uid("timers")
                        .name("timers");
        return fired.executeAndCollect("timers-restored-" + to, KEYS * 2);
    }

    private Configuration configuration(
            PriorityQueueStateType timers, Path checkpoints, boolean changelog) {
        Configuration conf = ContinueWatchingSavepoints.environment(checkpoints);
        if (changelog) {
            conf.set(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG, true);
            conf.set(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE, "filesystem");
            conf.set(
                    FsStateChangelogOptions.BASE_PATH,
                    work.resolve("changelog").toUri().toString());
            conf.set(StateChangelogOptions.PERIODIC_MATERIALIZATION_INTERVAL, MATERIALIZATION);
        }
        conf.set(RocksDBOptions.TIMER_SERVICE_FACTORY, timers);
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300));
        // none subsumed and deleted while the test picks one and cancels the job
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 1_000);
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        return conf;
    }

    private static void awaitAllKeysSeen(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (SEEN.size() < KEYS) {
            assertThat(System.nanoTime()).as("all keys seen in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The snapshot the second run restores from. */
    enum Snapshot {
        CANONICAL_SAVEPOINT,
        NATIVE_SAVEPOINT,
        RETAINED_CHECKPOINT;

        String take(JobClient job, Path work, Path checkpoints, Instant after) throws Exception {
            return switch (this) {
                case CANONICAL_SAVEPOINT ->
                        job.triggerSavepoint(
                                        work.resolve("savepoints").toUri().toString(),
                                        SavepointFormatType.CANONICAL)
                                .get(2, TimeUnit.MINUTES);
                case NATIVE_SAVEPOINT ->
                        job.triggerSavepoint(
                                        work.resolve("savepoints").toUri().toString(),
                                        SavepointFormatType.NATIVE)
                                .get(2, TimeUnit.MINUTES);
                case RETAINED_CHECKPOINT ->
                        checkpointCompletedAfter(checkpoints, after, Duration.ofMinutes(1))
                                .toUri()
                                .toString();
            };
        }

        /**
         * The second checkpoint to complete after {@code after}: the first may have been triggered
         * before it (its barrier ahead of the last records), the second was triggered after the
         * first completed (one checkpoint at a time).
         */
        private static Path checkpointCompletedAfter(Path folder, Instant after, Duration timeout)
                throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                List<Path> done = completedAfter(folder, after);
                if (done.size() >= 2) {
                    return done.get(done.size() - 1);
                }
                assertThat(System.nanoTime())
                        .as("a checkpoint completes in time")
                        .isLessThan(deadline);
                Thread.sleep(50);
            }
        }

        /** Checkpoints completed after {@code after}, in the order of their ids. */
        private static List<Path> completedAfter(Path folder, Instant after) throws IOException {
            if (!Files.isDirectory(folder)) {
                return List.of();
            }
            try (Stream<Path> files = Files.walk(folder, 3)) {
                return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                        .filter(p -> modifiedAfter(p, after))
                        .map(Path::getParent)
                        .sorted(Comparator.comparingLong(Snapshot::checkpointId))
                        .toList();
            } catch (UncheckedIOException inFlight) {
                return List.of(); // a checkpoint folder came or went during the walk: look again
            }
        }

        private static long checkpointId(Path checkpoint) {
            return Long.parseLong(checkpoint.getFileName().toString().substring("chk-".length()));
        }

        private static boolean modifiedAfter(Path file, Instant after) {
            try {
                return Files.getLastModifiedTime(file).toInstant().isAfter(after);
            } catch (IOException gone) {
                return false;
            }
        }
    }

    /**
     * Counts a key's records and keeps one event-time timer per key far in the future (none for
     * {@link #IDLE_KEY}).
     */
    private static final class TimerPerKey extends KeyedProcessFunction<Long, Long, String> {
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(Long key, Context context, Collector<String> out)
                throws Exception {
            Long seen = count.value();
            count.update(seen == null ? 1 : seen + 1);
            if (key != IDLE_KEY) {
                context.timerService().registerEventTimeTimer(TIMER_BASE + key);
                SEEN.add(key);
            }
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext context, Collector<String> out)
                throws Exception {
            out.collect(
                    context.getCurrentKey() + " fired at " + timestamp + " after " + count.value());
            count.clear();
        }
    }
}
