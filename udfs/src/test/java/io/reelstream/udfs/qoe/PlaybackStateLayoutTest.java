package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.qoe.SessionSummary;
import io.reelstream.schemas.qoe.StallEvent;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.reelstream.schemas.events.PlayerState.ENDED;
import static io.reelstream.schemas.events.PlayerState.PLAYING;
import static io.reelstream.schemas.events.PlayerState.REBUFFERING;
import static io.reelstream.schemas.events.PlayerState.SEEKING;
import static io.reelstream.schemas.events.PlayerState.STARTING;
import static io.reelstream.udfs.qoe.QoeFixtures.INACTIVITY_TIMEOUT_MS;
import static io.reelstream.udfs.qoe.QoeFixtures.T0;
import static io.reelstream.udfs.qoe.QoeFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * State version 3 of the per-playback operator: one value and at most a few timers per playback,
 * results independent of arrival order and watermark cadence, and state of the previous layout
 * migrated on restore.
 */
class PlaybackStateLayoutTest {

    private static final long DISORDER_MS = 8_000;

    @Test
    void shouldKeepOneValueAndFewTimersPerPlaybackWhileSamplesWait() throws Exception {
        try (var harness = QoeFixtures.openSessionHarness()) {
            harness.processElement(PlaybackSample.telemetry(sample("p", 0, STARTING, null)), T0);
            for (long t = 1_000; t <= 60_000; t += 1_000) {
                harness.processElement(
                        PlaybackSample.telemetry(sample("p", t, PLAYING, 3_000)), T0 + t);
                harness.processWatermark(T0 + t - DISORDER_MS);
                // the old layout: a state entry and a timer per waiting instant, plus deadlines
                assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
                assertThat(harness.numEventTimeTimers()).isLessThanOrEqualTo(3);
            }
            harness.processElement(
                    PlaybackSample.telemetry(sample("p", 61_000, ENDED, null)), T0 + 61_000);
            harness.processWatermark(Long.MAX_VALUE);
            assertThat(harness.extractOutputValues()).hasSize(1);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void shouldNotDependOnArrivalOrderOrWatermarkCadence() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<QoeEvent> traffic = randomTraffic(random, 12);
            Outcome inOrder = run(sortedByTime(traffic), 0, random);
            Outcome disordered = run(boundedShuffle(traffic, random), DISORDER_MS, random);
            assertThat(disordered.summaries).isEqualTo(inOrder.summaries);
            assertThat(disordered.stalls).isEqualTo(inOrder.stalls);
            assertThat(inOrder.summaries).hasSizeGreaterThanOrEqualTo(12);
        }
    }

    @Test
    void shouldMigrateWaitingSamplesOfThePreviousLayoutOnRestore() throws Exception {
        List<QoeEvent> traffic = new ArrayList<>();
        traffic.add(sample("m", 0, STARTING, null));
        traffic.add(sample("m", 1_000, PLAYING, 3_000));
        traffic.add(sample("m", 4_000, REBUFFERING, 3_000));
        traffic.add(sample("m", 12_000, PLAYING, 3_000));
        traffic.add(sample("m", 20_000, ENDED, null));
        Outcome direct = run(traffic, 0, new Random(1));

        OperatorSubtaskState previousLayout;
        try (var writer = previousLayoutHarness()) {
            writer.open();
            for (QoeEvent event : traffic.subList(0, 3)) {
                writer.processElement(PlaybackSample.telemetry(event), event.eventTime());
            }
            previousLayout = writer.snapshot(1L, 1L);
        }
        try (var restored = sessionHarness()) {
            restored.initializeState(previousLayout);
            restored.open();
            for (QoeEvent event : traffic.subList(3, traffic.size())) {
                restored.processElement(PlaybackSample.telemetry(event), event.eventTime());
            }
            restored.processWatermark(Long.MAX_VALUE);
            assertThat(restored.extractOutputValues()).isEqualTo(direct.summaries);
            assertThat(QoeFixtures.stalls(restored)).isEqualTo(direct.stalls);
            assertThat(restored.numKeyedStateEntries()).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
        }
    }

    /**
     * Playbacks with random state changes, rebuffers, seeks, silences longer than the inactivity
     * timeout (the next sample opens a new playback under the same id), and an end or a silence.
     */
    private static List<QoeEvent> randomTraffic(Random random, int playbacks) {
        PlayerState[] middle = {PLAYING, PLAYING, REBUFFERING, SEEKING};
        List<QoeEvent> traffic = new ArrayList<>();
        for (int p = 0; p < playbacks; p++) {
            String id = "r" + p;
            long t = random.nextInt(30_000);
            traffic.add(sample(id, t, STARTING, null));
            int steps = 2 + random.nextInt(12);
            for (int s = 0; s < steps; s++) {
                t +=
                        random.nextInt(8) == 0
                                ? INACTIVITY_TIMEOUT_MS + random.nextInt(30_000)
                                : 500 + random.nextInt(9_000);
                traffic.add(sample(id, t, middle[random.nextInt(middle.length)], 2_000));
            }
            if (random.nextBoolean()) {
                traffic.add(sample(id, t + 1_000, ENDED, null));
            }
        }
        return traffic;
    }

    private static List<QoeEvent> sortedByTime(List<QoeEvent> traffic) {
        List<QoeEvent> sorted = new ArrayList<>(traffic);
        sorted.sort(Comparator.comparingLong(QoeEvent::eventTime));
        return sorted;
    }

    /** Sorted by a time jittered by less than the disorder bound: never behind the watermark. */
    private static List<QoeEvent> boundedShuffle(List<QoeEvent> traffic, Random random) {
        List<QoeEvent> shuffled = new ArrayList<>(traffic);
        long[] keys = new long[shuffled.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            keys[i] = shuffled.get(i).eventTime() + random.nextInt((int) DISORDER_MS / 2);
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> keys[i]));
        return order.stream().map(shuffled::get).toList();
    }

    /** Feeds {@code traffic} with a watermark {@code lagMs} behind, at random moments. */
    private static Outcome run(List<QoeEvent> traffic, long lagMs, Random random) throws Exception {
        try (var harness = sessionHarness()) {
            harness.open();
            long maxSeen = Long.MIN_VALUE;
            for (QoeEvent event : traffic) {
                harness.processElement(PlaybackSample.telemetry(event), event.eventTime());
                maxSeen = Math.max(maxSeen, event.eventTime());
                if (random.nextInt(3) == 0) {
                    harness.processWatermark(maxSeen - lagMs);
                }
            }
            harness.processWatermark(Long.MAX_VALUE);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            List<SessionSummary> summaries = new ArrayList<>(harness.extractOutputValues());
            summaries.sort(Comparator.comparing(SessionSummary::playbackId));
            List<StallEvent> stalls = new ArrayList<>(QoeFixtures.stalls(harness));
            stalls.sort(
                    Comparator.comparing(StallEvent::playbackId)
                            .thenComparingLong(StallEvent::stallStart));
            return new Outcome(summaries, stalls);
        }
    }

    private record Outcome(List<SessionSummary> summaries, List<StallEvent> stalls) {}

    private static KeyedOneInputStreamOperatorTestHarness<String, PlaybackSample, SessionSummary>
            sessionHarness() throws Exception {
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new PlaybackSessionFunction(
                                        QoeFixtures.STALL_THRESHOLD_MS, INACTIVITY_TIMEOUT_MS)),
                        new QoeKeys.SampleByPlayback(),
                        Types.STRING);
        QoeFixtures.disableGenericTypes(harness);
        return harness;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, PlaybackSample, SessionSummary>
            previousLayoutHarness() throws Exception {
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new PreviousLayoutWriter()),
                        new QoeKeys.SampleByPlayback(),
                        Types.STRING);
        QoeFixtures.disableGenericTypes(harness);
        return harness;
    }

    /**
     * Buffers samples as state version 2 did: {@code qoe-pending-samples-v2} by event time, an
     * event-time timer per instant.
     */
    private static final class PreviousLayoutWriter
            extends KeyedProcessFunction<String, PlaybackSample, SessionSummary> {

        private transient MapState<Long, List<PlaybackSample>> pending;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            pending =
                    getRuntimeContext()
                            .getMapState(
                                    new MapStateDescriptor<>(
                                            "qoe-pending-samples-v2",
                                            Types.LONG,
                                            Types.LIST(TypeInformation.of(PlaybackSample.class))));
        }

        @Override
        public void processElement(
                PlaybackSample sample, Context ctx, Collector<SessionSummary> out)
                throws Exception {
            List<PlaybackSample> atTime = pending.get(sample.eventTime());
            List<PlaybackSample> updated = atTime == null ? new ArrayList<>() : atTime;
            updated.add(sample);
            pending.put(sample.eventTime(), updated);
            ctx.timerService().registerEventTimeTimer(sample.eventTime());
        }
    }
}
