package io.reelstream.udfs.ingest;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SplitWatermarksTest {

    private static final long BOUND = 5_000;
    private static final long HOUR = 3_600_000;

    private final ManualClock clock = new ManualClock();
    private final RecordingOutput output = new RecordingOutput();

    @Test
    void shouldFollowTheSlowestPartitionOnRandomOutOfOrderInterleavings() {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            RecordingOutput out = new RecordingOutput();
            SplitWatermarks<Long> watermarks = watermarks(strategy(Duration.ZERO), out);
            int partitions = 1 + random.nextInt(4);
            long[] next = new long[partitions];
            for (int p = 0; p < partitions; p++) {
                next[p] = random.nextInt(10) * HOUR; // partitions far apart in event time
            }
            Map<Integer, Long> maxSeen = new HashMap<>();
            for (int p = 0; p < partitions; p++) { // a partition counts from its first record
                watermarks.onEvent("t", p, next[p], next[p]);
                maxSeen.put(p, next[p]);
            }
            long naiveEmitted = Long.MIN_VALUE;
            for (int i = 0; i < 2_000; i++) {
                int p = random.nextInt(partitions);
                next[p] += random.nextInt(2_000);
                long timestamp = next[p] - random.nextInt((int) BOUND); // out of order within bound
                long watermarkBefore = out.lastWatermark();
                assertThat(timestamp)
                        .as("no event within its partition's bound is late")
                        .isGreaterThan(watermarkBefore);
                watermarks.onEvent("t", p, timestamp, timestamp);
                maxSeen.merge(p, timestamp, Math::max);
                if (random.nextInt(10) == 0) {
                    watermarks.onPeriodicEmit();
                    long naive =
                            maxSeen.values().stream().mapToLong(Long::longValue).min().orElseThrow()
                                    - BOUND
                                    - 1;
                    naiveEmitted = Math.max(naiveEmitted, naive);
                    assertThat(out.lastWatermark()).isEqualTo(naiveEmitted);
                }
            }
            assertThat(watermarks.partitions()).isEqualTo(maxSeen.size());
            assertThat(out.watermarks).isSorted();
        }
    }

    @Test
    void shouldNotLetAPartitionAheadMakeAnotherPartitionsEventsLate() {
        SplitWatermarks<Long> watermarks = watermarks(strategy(Duration.ZERO), output);
        watermarks.onEvent("t", 0, 10 * HOUR, 10 * HOUR);
        watermarks.onEvent("t", 1, HOUR, HOUR);
        watermarks.onPeriodicEmit();

        assertThat(output.lastWatermark()).isEqualTo(HOUR - BOUND - 1);
        assertThat(watermarks.currentWatermark()).isEqualTo(HOUR - BOUND - 1);
    }

    @Test
    void shouldWaitTheStartupDelayBeforeTheFirstWatermarkSoALaterPartitionIsNotLeftBehind() {
        SplitWatermarks<Long> watermarks =
                watermarks(strategy(Duration.ofSeconds(30)), output, Duration.ofSeconds(2));
        watermarks.onEvent("t", 2, 12 * HOUR, 12 * HOUR);
        tick(watermarks, 1);
        assertThat(output.watermarks).as("within the start-up delay").isEmpty();

        watermarks.onEvent("t", 0, HOUR, HOUR); // its first records come a second later
        tick(watermarks, 1);

        assertThat(output.watermarks).containsExactly(HOUR - BOUND - 1);
    }

    @Test
    void shouldTellPartitionsOfDifferentTopicsApart() {
        SplitWatermarks<Long> watermarks = watermarks(strategy(Duration.ZERO), output);
        watermarks.onEvent("a", 0, 10 * HOUR, 10 * HOUR);
        watermarks.onEvent("b", 0, HOUR, HOUR);
        watermarks.onPeriodicEmit();

        assertThat(watermarks.partitions()).isEqualTo(2);
        assertThat(output.lastWatermark()).isEqualTo(HOUR - BOUND - 1);
    }

    @Test
    void shouldNeverMoveBackWhenALaggingPartitionAppears() {
        SplitWatermarks<Long> watermarks = watermarks(strategy(Duration.ZERO), output);
        watermarks.onEvent("t", 0, 10 * HOUR, 10 * HOUR);
        watermarks.onPeriodicEmit();
        watermarks.onEvent("t", 1, HOUR, HOUR);
        watermarks.onPeriodicEmit();
        watermarks.onEvent("t", 1, 11 * HOUR, 11 * HOUR);
        watermarks.onPeriodicEmit();

        assertThat(output.watermarks).containsExactly(10 * HOUR - BOUND - 1);
    }

    @Test
    void shouldLeaveAnIdlePartitionOutAndGoIdleWhenAllAre() {
        SplitWatermarks<Long> watermarks = watermarks(strategy(Duration.ofSeconds(30)), output);
        watermarks.onEvent("t", 0, HOUR, HOUR);
        watermarks.onEvent("t", 1, 2 * HOUR, 2 * HOUR);
        watermarks.onPeriodicEmit();
        assertThat(output.lastWatermark()).isEqualTo(HOUR - BOUND - 1);

        for (int second = 1; second <= 40; second++) { // partition 1 keeps going, 0 falls silent
            watermarks.onEvent("t", 1, 2 * HOUR + second, 2 * HOUR + second);
            tick(watermarks, 1);
        }
        assertThat(output.lastWatermark()).isEqualTo(2 * HOUR + 40 - BOUND - 1);
        assertThat(output.idle).isFalse();

        tick(watermarks, 40);
        assertThat(output.idle).isTrue();

        watermarks.onEvent("t", 0, 4 * HOUR, 4 * HOUR);
        watermarks.onPeriodicEmit();
        assertThat(output.idle).isFalse();
        assertThat(output.lastWatermark()).isEqualTo(4 * HOUR - BOUND - 1);
    }

    @Test
    void shouldGoIdleWhenNoPartitionEverDeliversARecord() {
        SplitWatermarks<Long> watermarks = watermarks(strategy(Duration.ofSeconds(30)), output);
        tick(watermarks, 20);
        assertThat(output.idle).isFalse();

        tick(watermarks, 20);

        assertThat(output.idle).isTrue();
        assertThat(output.watermarks).isEmpty();
        assertThat(watermarks.partitions()).isZero();
    }

    @Test
    void shouldStayIdleForASideInputThatNeverHoldsBack() {
        SplitWatermarks<Long> watermarks =
                watermarks(
                        NeverHoldBackWatermarks.<Long>strategy()
                                .withTimestampAssigner((event, ts) -> event),
                        output);
        watermarks.onEvent("t", 0, HOUR, HOUR);
        watermarks.onPeriodicEmit();

        assertThat(output.idle).isTrue();
        assertThat(output.watermarks).isEmpty();
    }

    /** Periodic emits once a second, as the operator's timer does (every 200 ms by default). */
    private void tick(SplitWatermarks<Long> watermarks, int seconds) {
        for (int i = 0; i < seconds; i++) {
            clock.advanceTime(Duration.ofSeconds(1));
            watermarks.onPeriodicEmit();
        }
    }

    private static WatermarkStrategy<Long> strategy(Duration idleness) {
        return EventTimeWatermarks.of(
                Duration.ofMillis(BOUND), idleness, (event, recordTimestamp) -> event);
    }

    private SplitWatermarks<Long> watermarks(
            WatermarkStrategy<Long> strategy, WatermarkOutput out) {
        return watermarks(strategy, out, Duration.ZERO);
    }

    private SplitWatermarks<Long> watermarks(
            WatermarkStrategy<Long> strategy, WatermarkOutput out, Duration startupDelay) {
        return new SplitWatermarks<>(
                strategy,
                new WatermarkGeneratorSupplier.Context() {
                    @Override
                    public MetricGroup getMetricGroup() {
                        return new UnregisteredMetricsGroup();
                    }

                    @Override
                    public RelativeClock getInputActivityClock() {
                        return clock;
                    }
                },
                out,
                startupDelay);
    }

    /** Every watermark and the idleness last reported downstream. */
    private static final class RecordingOutput implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        long lastWatermark() {
            return watermarks.isEmpty() ? Long.MIN_VALUE : watermarks.get(watermarks.size() - 1);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    }
}
