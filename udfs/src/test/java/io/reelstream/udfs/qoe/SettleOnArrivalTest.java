package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.qoe.SessionSummary;
import io.reelstream.schemas.qoe.StallEvent;
import io.reelstream.udfs.testing.HarnessState;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.reelstream.schemas.events.PlayerState.ENDED;
import static io.reelstream.schemas.events.PlayerState.PLAYING;
import static io.reelstream.schemas.events.PlayerState.QUIT;
import static io.reelstream.schemas.events.PlayerState.REBUFFERING;
import static io.reelstream.schemas.events.PlayerState.STARTING;
import static io.reelstream.udfs.qoe.QoeFixtures.INACTIVITY_TIMEOUT_MS;
import static io.reelstream.udfs.qoe.QoeFixtures.T0;
import static io.reelstream.udfs.qoe.QoeFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live samples settled by the playback's next sample instead of a timer at the watermark: the same
 * summaries and the same stalls as settling every sample at the watermark.
 */
class SettleOnArrivalTest {

    private static final long HORIZON_MS = 30_000;
    private static final long TRANSIT_MS = 50;
    private static final long OUT_OF_ORDERNESS_MS = 5_000;
    private static final long SETTLE_DELAY_MS = INACTIVITY_TIMEOUT_MS / 2;

    @Test
    void aSteadyLiveSampleIsSettledByTheNextSampleOfItsPlayback() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, PlaybackSample, SessionSummary> h =
                QoeFixtures.openSessionHarness(HORIZON_MS, SETTLE_DELAY_MS)) {
            live(h, sample("p", 0, STARTING, null));
            live(h, sample("p", 1_000, PLAYING, 2_000));
            PlaybackState waiting = stateOf(h, "p");
            assertThat(waiting.pending.keySet()).containsExactly(T0, T0 + 1_000);
            assertThat(waiting.settleTimerAt).isEqualTo(T0 + SETTLE_DELAY_MS);

            live(h, sample("p", 21_000, PLAYING, 2_000));
            PlaybackState settled = stateOf(h, "p");
            assertThat(settled.pending.keySet())
                    .as("settled on arrival")
                    .containsExactly(T0 + 21_000);
            assertThat(settled.session).isNotNull();
            assertThat(settled.settleTimerAt).isEqualTo(T0 + 21_000 + SETTLE_DELAY_MS);
            assertThat(settled.deadlineTimerAt)
                    .as("the settle timer comes before the inactivity deadline and covers it")
                    .isEqualTo(PlaybackState.NONE);
            assertThat(h.numEventTimeTimers()).as("one timer per steady playback").isEqualTo(1);

            live(h, sample("p", 41_000, PLAYING, 2_000));
            assertThat(stateOf(h, "p").pending.keySet()).containsExactly(T0 + 41_000);
            assertThat(h.numEventTimeTimers())
                    .as("the settled sample's settle timer is deleted")
                    .isEqualTo(1);

            live(h, sample("p", 50_000, ENDED, 2_000));
            assertThat(stateOf(h, "p").settleTimerAt)
                    .as("a sample that ends the playback settles at the watermark")
                    .isEqualTo(T0 + 50_000);
            assertThat(h.numEventTimeTimers())
                    .as("the later settle timer it replaces is deleted")
                    .isEqualTo(1);
            h.processWatermark(T0 + 50_000);
            assertThat(h.extractOutputValues()).singleElement();

            h.processWatermark(Long.MAX_VALUE);
            h.setProcessingTime(Long.MAX_VALUE);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void settlingOnArrivalGivesWhatSettlingAtTheWatermarkGives() throws Exception {
        List<QoeEvent> traffic = interleavedPlaybacks(new Random(11));
        Outputs atWatermark = replay(traffic, 0);
        Outputs onArrival = replay(traffic, SETTLE_DELAY_MS);

        assertThat(atWatermark.summaries).hasSize(40);
        assertThat(atWatermark.stalls).isNotEmpty();
        assertThat(onArrival.summaries).isEqualTo(atWatermark.summaries);
        assertThat(onArrival.stalls).isEqualTo(atWatermark.stalls);
    }

    /**
     * 40 playbacks of 2 to 4 minutes, samples every 10 to 25 s, some rebuffering (long enough to
     * stall or not), some abandoned without an end, arriving up to 4 s out of order.
     */
    private static List<QoeEvent> interleavedPlaybacks(Random random) {
        List<QoeEvent> all = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            String id = "p" + p;
            long t = random.nextInt(60_000);
            all.add(sample(id, t, STARTING, null));
            t += 500 + random.nextInt(3_000);
            all.add(sample(id, t, PLAYING, 2_000));
            long end = t + 120_000 + random.nextInt(120_000);
            while (t < end) {
                t += 10_000 + random.nextInt(15_000);
                if (random.nextDouble() < 0.15) {
                    all.add(sample(id, t, REBUFFERING, 2_000));
                    t += 1_000 + random.nextInt(9_000);
                }
                all.add(sample(id, t, PLAYING, 2_000));
            }
            double u = random.nextDouble();
            if (u < 0.8) {
                all.add(sample(id, t + 1_000, u < 0.5 ? ENDED : QUIT, 2_000));
            } // else abandoned: closed by the inactivity timeout
        }
        // arrival order: event time plus up to 4 s of transport jitter
        List<long[]> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(new long[] {all.get(i).eventTime() + random.nextInt(4_000), i});
        }
        order.sort(Comparator.comparingLong(o -> o[0]));
        List<QoeEvent> arrival = new ArrayList<>();
        for (long[] o : order) {
            arrival.add(all.get((int) o[1]));
        }
        return arrival;
    }

    private static Outputs replay(List<QoeEvent> arrival, long settleDelayMs) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, PlaybackSample, SessionSummary> h =
                QoeFixtures.openSessionHarness(HORIZON_MS, settleDelayMs)) {
            long maxSeen = Long.MIN_VALUE;
            for (QoeEvent event : arrival) {
                maxSeen = Math.max(maxSeen, event.eventTime());
                h.setProcessingTime(maxSeen + TRANSIT_MS);
                h.processElement(PlaybackSample.telemetry(event), event.eventTime());
                h.processWatermark(maxSeen - OUT_OF_ORDERNESS_MS);
            }
            h.processWatermark(Long.MAX_VALUE);
            h.setProcessingTime(Long.MAX_VALUE);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();

            // The record timestamps are the times of whichever timers settled the ends, arrival
            // dependent in either mode; the summaries are not.
            List<String> summaries = new ArrayList<>();
            for (SessionSummary summary : h.extractOutputValues()) {
                summaries.add(summary.toString());
            }
            summaries.sort(Comparator.naturalOrder());
            List<String> stalls = new ArrayList<>();
            for (StallEvent stall : QoeFixtures.stalls(h)) {
                stalls.add(stall.toString());
            }
            stalls.sort(Comparator.naturalOrder());
            return new Outputs(summaries, stalls);
        }
    }

    private record Outputs(List<String> summaries, List<String> stalls) {}

    private static void live(
            KeyedOneInputStreamOperatorTestHarness<String, PlaybackSample, SessionSummary> h,
            QoeEvent event)
            throws Exception {
        h.setProcessingTime(event.eventTime() + TRANSIT_MS);
        h.processWatermark(event.eventTime() - OUT_OF_ORDERNESS_MS);
        h.processElement(PlaybackSample.telemetry(event), event.eventTime());
    }

    private static PlaybackState stateOf(
            KeyedOneInputStreamOperatorTestHarness<String, PlaybackSample, SessionSummary> h,
            String playbackId)
            throws Exception {
        return HarnessState.value(
                h.getOperator().getKeyedStateBackend(),
                playbackId,
                "qoe-playback",
                PlaybackStateSerializer.INSTANCE);
    }
}
