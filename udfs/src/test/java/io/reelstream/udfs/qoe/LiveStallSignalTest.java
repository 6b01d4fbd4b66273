package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.qoe.SessionSummary;
import io.reelstream.schemas.qoe.StallEvent;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.reelstream.schemas.events.PlayerState.ENDED;
import static io.reelstream.schemas.events.PlayerState.PLAYING;
import static io.reelstream.schemas.events.PlayerState.REBUFFERING;
import static io.reelstream.schemas.events.PlayerState.STARTING;
import static io.reelstream.udfs.qoe.QoeFixtures.T0;
import static io.reelstream.udfs.qoe.QoeFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stalls signalled ahead of the watermark: by a processing-time timer at the threshold, or at once
 * when the arrived samples show one; never twice, never for a rebuffer that ended in time, and not
 * for samples of a backlog.
 */
class LiveStallSignalTest {

    private static final long HORIZON_MS = 30_000;

    /** Transport delay of every live sample: it arrives this long after its event time. */
    private static final long TRANSIT_MS = 50;

    private KeyedOneInputStreamOperatorTestHarness<String, PlaybackSample, SessionSummary> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = QoeFixtures.openSessionHarness(HORIZON_MS);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void aLiveRebufferIsSignalledWhenItCrossesTheThresholdAndNotAgainByTheWatermark()
            throws Exception {
        live(
                sample("p", 0, STARTING, null),
                sample("p", 1_000, PLAYING, 2_000),
                sample("p", 11_000, REBUFFERING, 2_000));
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        harness.setProcessingTime(T0 + 16_000 + TRANSIT_MS - 1);
        assertThat(stalls()).isEmpty();
        harness.setProcessingTime(T0 + 16_000 + TRANSIT_MS);
        assertThat(stalls())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.stallStart()).isEqualTo(T0 + 11_000);
                            assertThat(s.detectedAt()).isEqualTo(T0 + 16_000);
                            assertThat(s.stalledMs()).isEqualTo(5_000);
                            assertThat(s.rebufferCount()).isEqualTo(1);
                        });

        harness.processWatermark(T0 + 16_000); // the settle finds the same stall
        assertThat(stalls()).hasSize(1);

        live(sample("p", 23_000, PLAYING, 2_000), sample("p", 33_000, ENDED, 2_000));
        finish();
        assertThat(stalls()).hasSize(1);
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(s -> assertThat(s.stallCount()).isEqualTo(1));
    }

    @Test
    void aRebufferThatEndsBeforeTheThresholdIsNotSignalled() throws Exception {
        live(
                sample("p", 0, STARTING, null),
                sample("p", 1_000, PLAYING, 2_000),
                sample("p", 11_000, REBUFFERING, 2_000),
                sample("p", 14_000, PLAYING, 2_000));
        harness.setProcessingTime(T0 + 30_000);
        harness.processWatermark(T0 + 30_000);

        assertThat(stalls()).isEmpty();
        live(sample("p", 40_000, ENDED, 2_000));
        finish();
    }

    @Test
    void aStallTheArrivedSamplesShowIsSignalledOnArrival() throws Exception {
        live(
                sample("p", 0, STARTING, null),
                sample("p", 1_000, PLAYING, 2_000),
                sample("p", 11_000, REBUFFERING, 2_000));
        harness.setProcessingTime(T0 + 12_000);
        // a second report of the same rebuffer, 6 s in, arrives before the timer fires
        QoeEvent stillStalled = sample("p", 17_000, REBUFFERING, 2_000);
        harness.processElement(PlaybackSample.telemetry(stillStalled), stillStalled.eventTime());

        assertThat(stalls())
                .singleElement()
                .satisfies(s -> assertThat(s.detectedAt()).isEqualTo(T0 + 17_000));
        harness.setProcessingTime(T0 + 20_000);
        harness.processWatermark(T0 + 20_000);
        assertThat(stalls()).hasSize(1);
        live(sample("p", 25_000, ENDED, 2_000));
        finish();
    }

    @Test
    void samplesOfABacklogAreLeftToTheWatermark() throws Exception {
        harness.setProcessingTime(T0 + 10 * 60_000);
        for (QoeEvent e :
                List.of(
                        sample("p", 0, STARTING, null),
                        sample("p", 1_000, PLAYING, 2_000),
                        sample("p", 11_000, REBUFFERING, 2_000))) {
            harness.processElement(PlaybackSample.telemetry(e), e.eventTime());
        }
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(stalls()).isEmpty();

        harness.processWatermark(T0 + 16_000);

        assertThat(stalls())
                .singleElement()
                .satisfies(s -> assertThat(s.detectedAt()).isEqualTo(T0 + 16_000));
    }

    @Test
    void interleavedLivePlaybacksSignalEveryStallOnceBeforeTheWatermarkCouldSettleIt()
            throws Exception {
        List<QoeEvent> all = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            String id = "p" + p;
            all.add(sample(id, 0, STARTING, null));
            all.add(sample(id, 1_000 + p, PLAYING, 1_000));
            all.add(sample(id, 4_000, REBUFFERING, 1_000));
            all.add(sample(id, 4_500 + 500 * p, PLAYING, 1_000)); // a stall from p9 on
            all.add(sample(id, 30_000, ENDED, 1_000));
        }
        all.sort(Comparator.comparingLong(LiveStallSignalTest::arrival));
        Map<String, Long> watermarkWhenSignalled = new HashMap<>();
        long watermark = Long.MIN_VALUE;
        for (QoeEvent event : all) {
            harness.setProcessingTime(arrival(event));
            noteNewStalls(watermarkWhenSignalled, watermark);
            harness.processElement(PlaybackSample.telemetry(event), event.eventTime());
            noteNewStalls(watermarkWhenSignalled, watermark);
            if (event.eventTime() - 5_000 > watermark) {
                watermark = event.eventTime() - 5_000;
                harness.processWatermark(watermark);
                noteNewStalls(watermarkWhenSignalled, watermark);
            }
        }
        finish();

        List<String> expected = new ArrayList<>();
        for (int p = 9; p < 20; p++) {
            expected.add("p" + p);
        }
        assertThat(stalls())
                .extracting(StallEvent::playbackId)
                .containsExactlyInAnyOrderElementsOf(expected);
        for (StallEvent stall : stalls()) {
            assertThat(watermarkWhenSignalled.get(stall.playbackId()))
                    .as("watermark when %s was signalled", stall.playbackId())
                    .isLessThan(stall.stallStart() + QoeFixtures.STALL_THRESHOLD_MS);
        }
        assertThat(harness.extractOutputValues())
                .allSatisfy(
                        s -> {
                            int p = Integer.parseInt(s.playbackId().substring(1));
                            assertThat(s.stallCount()).isEqualTo(p >= 9 ? 1 : 0);
                        });
    }

    /** Per playback a constant transit, so each player's samples arrive in order. */
    private static long arrival(QoeEvent event) {
        return event.eventTime() + 7L * Integer.parseInt(event.playbackId().substring(1));
    }

    private void noteNewStalls(Map<String, Long> seen, long watermark) {
        for (StallEvent stall : stalls()) {
            seen.putIfAbsent(stall.playbackId(), watermark);
        }
    }

    /** Feeds each sample as it arrives live: processing time = event time + transit. */
    private void live(QoeEvent... events) throws Exception {
        for (QoeEvent event : events) {
            harness.setProcessingTime(event.eventTime() + TRANSIT_MS);
            harness.processElement(PlaybackSample.telemetry(event), event.eventTime());
        }
    }

    /** Advances both clocks past every timer and proves nothing is left behind. */
    private void finish() throws Exception {
        harness.processWatermark(Long.MAX_VALUE);
        harness.setProcessingTime(Long.MAX_VALUE);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    private List<StallEvent> stalls() {
        return QoeFixtures.stalls(harness);
    }
}
