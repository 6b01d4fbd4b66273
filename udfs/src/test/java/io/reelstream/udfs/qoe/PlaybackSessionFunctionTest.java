package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.qoe.MetricSource;
import io.reelstream.schemas.qoe.SessionOutcome;
import io.reelstream.schemas.qoe.SessionSummary;
import io.reelstream.schemas.qoe.StallEvent;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static io.reelstream.schemas.events.PlayerState.ENDED;
import static io.reelstream.schemas.events.PlayerState.FATAL_ERROR;
import static io.reelstream.schemas.events.PlayerState.PLAYING;
import static io.reelstream.schemas.events.PlayerState.QUIT;
import static io.reelstream.schemas.events.PlayerState.REBUFFERING;
import static io.reelstream.schemas.events.PlayerState.SEEKING;
import static io.reelstream.schemas.events.PlayerState.STARTING;
import static io.reelstream.udfs.qoe.QoeFixtures.INACTIVITY_TIMEOUT_MS;
import static io.reelstream.udfs.qoe.QoeFixtures.T0;
import static io.reelstream.udfs.qoe.QoeFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

class PlaybackSessionFunctionTest {

    private KeyedOneInputStreamOperatorTestHarness<String, PlaybackSample, SessionSummary> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = QoeFixtures.openSessionHarness();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldAbandonAtTheTimeoutWithoutSpinningWhileALaterSampleWaits() throws Exception {
        feed(
                sample("gap", 0, STARTING, null),
                sample("gap", 2_000, PLAYING, 3_000),
                sample("gap", 2_000 + INACTIVITY_TIMEOUT_MS + 5_000, PLAYING, 3_000));
        harness.processWatermark(T0 + 2_000 + INACTIVITY_TIMEOUT_MS + 8_000);

        // Silent for the timeout in event time: abandoned, whether or not the later sample had
        // arrived when the watermark passed the timeout (the summaries must not depend on that).
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(s -> assertThat(s.outcome()).isEqualTo(SessionOutcome.ABANDONED))
                .satisfies(s -> assertThat(s.endTime()).isEqualTo(T0 + 2_000));
        assertTwoPlaybacksAbandonedAfterTheSecondTimeout();
    }

    @Test
    void shouldAbandonTheSameWayWhenTheLaterSampleArrivesAfterTheTimeoutPassed() throws Exception {
        feed(sample("gap", 0, STARTING, null), sample("gap", 2_000, PLAYING, 3_000));
        harness.processWatermark(T0 + 2_000 + INACTIVITY_TIMEOUT_MS + 1_000);
        feed(sample("gap", 2_000 + INACTIVITY_TIMEOUT_MS + 5_000, PLAYING, 3_000));
        assertTwoPlaybacksAbandonedAfterTheSecondTimeout();
    }

    /** The sample after the gap opened a second playback; it too is abandoned. */
    private void assertTwoPlaybacksAbandonedAfterTheSecondTimeout() throws Exception {
        harness.processWatermark(T0 + 2_000 + 2 * INACTIVITY_TIMEOUT_MS + 6_000);
        assertThat(harness.extractOutputValues())
                .hasSize(2)
                .allSatisfy(s -> assertThat(s.outcome()).isEqualTo(SessionOutcome.ABANDONED));
        finish();
    }

    @Test
    void shouldSummariseCleanPlayback() throws Exception {
        feed(
                sample("clean", 0, STARTING, null),
                sample("clean", 2_000, PLAYING, 3_000),
                sample("clean", 12_000, PLAYING, 3_000),
                sample("clean", 22_000, PLAYING, 4_500),
                sample("clean", 32_000, ENDED, 4_500));
        finish();

        assertThat(harness.extractOutputValues())
                .containsExactly(
                        summary("clean", SessionOutcome.COMPLETED, 32_000, true, 2_000L)
                                .playMs(30_000)
                                .bitrates(3_500, 4_500, 1)
                                .build());
        assertThat(stalls()).isEmpty();
    }

    @Test
    void shouldSignalLongStallWhileItHappensAndCountItOnce() throws Exception {
        feed(
                sample("long", 0, STARTING, null),
                sample("long", 1_000, PLAYING, 2_000),
                sample("long", 11_000, REBUFFERING, 2_000),
                sample("long", 14_000, REBUFFERING, 2_000));
        harness.processWatermark(T0 + 16_000);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(stalls())
                .containsExactly(
                        new StallEvent(
                                StallEvent.CURRENT_VERSION,
                                "long",
                                "user-long",
                                "title-1",
                                "cdn-a",
                                "isp-x",
                                64500,
                                DeviceType.TV,
                                "US",
                                T0 + 11_000,
                                T0 + 16_000,
                                5_000,
                                1));

        feed(
                sample("long", 20_000, REBUFFERING, 2_000),
                sample("long", 23_000, PLAYING, 2_000),
                sample("long", 33_000, ENDED, 2_000));
        finish();

        assertThat(stalls()).hasSize(1);
        assertThat(harness.extractOutputValues())
                .containsExactly(
                        summary("long", SessionOutcome.COMPLETED, 33_000, true, 1_000L)
                                .playMs(20_000)
                                .rebuffers(1, 12_000)
                                .bitrates(2_000, 2_000, 0)
                                .stalls(1)
                                .build());
    }

    @Test
    void shouldCountManyShortStallsWithoutStallSignal() throws Exception {
        feed(
                sample("short", 0, STARTING, null),
                sample("short", 500, PLAYING, 1_500),
                sample("short", 5_000, REBUFFERING, 1_500),
                sample("short", 6_000, PLAYING, 1_500),
                sample("short", 10_000, REBUFFERING, 1_500),
                sample("short", 11_000, PLAYING, 800),
                sample("short", 15_000, REBUFFERING, 800),
                sample("short", 16_000, PLAYING, 800),
                sample("short", 20_000, QUIT, 800));
        finish();

        assertThat(harness.extractOutputValues())
                .containsExactly(
                        summary("short", SessionOutcome.EXITED, 20_000, true, 500L)
                                .playMs(16_500)
                                .rebuffers(3, 3_000)
                                .bitrates(1_161, 800, 1)
                                .build());
        assertThat(stalls()).isEmpty();
    }

    @Test
    void shouldReportStartupFailure() throws Exception {
        feed(
                sample("vsf", 0, STARTING, null),
                sample("vsf", 3_000, STARTING, null),
                sample("vsf", 8_000, FATAL_ERROR, null, "DRM-4001"));
        finish();

        assertThat(harness.extractOutputValues())
                .containsExactly(
                        summary("vsf", SessionOutcome.FAILED, 8_000, false, null)
                                .startFailure()
                                .error("DRM-4001")
                                .build());
    }

    @Test
    void shouldReportExitBeforeStartIgnoringStartupBuffering() throws Exception {
        feed(
                sample("ebvs", 0, STARTING, null),
                sample("ebvs", 1_000, REBUFFERING, null),
                sample("ebvs", 9_000, REBUFFERING, null),
                sample("ebvs", 12_000, QUIT, null));
        finish();

        assertThat(harness.extractOutputValues())
                .containsExactly(
                        summary("ebvs", SessionOutcome.EXITED, 12_000, false, null)
                                .exitBeforeStart()
                                .build());
        assertThat(stalls()).isEmpty();
    }

    @Test
    void shouldCloseSilentPlayerAsAbandonedOnlyAfterTimeout() throws Exception {
        feed(
                sample("silent", 0, STARTING, null),
                sample("silent", 1_000, PLAYING, 2_500),
                sample("silent", 11_000, PLAYING, 2_500));
        harness.processWatermark(T0 + 11_000 + INACTIVITY_TIMEOUT_MS - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(T0 + 11_000 + INACTIVITY_TIMEOUT_MS);
        assertThat(harness.extractOutputValues())
                .containsExactly(
                        summary("silent", SessionOutcome.ABANDONED, 11_000, true, 1_000L)
                                .playMs(10_000)
                                .bitrates(2_500, 2_500, 0)
                                .build());
        finish();
    }

    @Test
    void shouldPreferTelemetryWhenSameInstantAlsoArrivesAsCmcd() throws Exception {
        QoeEvent quit = sample("dup", 3_000, QUIT, null);
        feedSamples(
                PlaybackSample.telemetry(sample("dup", 0, STARTING, null)),
                asCmcd(sample("dup", 0, STARTING, null), STARTING),
                asCmcd(quit, PLAYING),
                PlaybackSample.telemetry(quit));
        finish();

        assertThat(harness.extractOutputValues())
                .containsExactly(
                        summary("dup", SessionOutcome.EXITED, 3_000, false, null)
                                .exitBeforeStart()
                                .build());
    }

    @Test
    void shouldNotCountBufferingAfterSeekAsRebuffer() throws Exception {
        feed(
                sample("seek", 0, STARTING, null),
                sample("seek", 1_000, PLAYING, 2_000),
                sample("seek", 5_000, SEEKING, 2_000),
                sample("seek", 5_500, REBUFFERING, 2_000),
                sample("seek", 12_000, PLAYING, 2_000),
                sample("seek", 14_000, ENDED, 2_000));
        finish();

        SessionSummary summary = harness.extractOutputValues().get(0);
        assertThat(summary.rebufferCount()).isZero();
        assertThat(summary.rebufferMs()).isZero();
        assertThat(summary.playMs()).isEqualTo(6_000);
        assertThat(stalls()).isEmpty();
    }

    @Test
    void shouldGiveSameResultsForShuffledInterleavedSessionsAndDropLateSamples() throws Exception {
        List<QoeEvent> all = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            String id = "p" + p;
            all.add(sample(id, 0, STARTING, null));
            all.add(sample(id, 1_000 + p, PLAYING, 1_000 + 100 * (p % 3)));
            all.add(sample(id, 4_000, REBUFFERING, 1_000));
            all.add(sample(id, 4_500 + 500 * p, PLAYING, 1_000));
            all.add(sample(id, 30_000, ENDED, 1_000));
        }
        Collections.shuffle(all, new Random(7));
        for (QoeEvent event : all) {
            harness.processElement(PlaybackSample.telemetry(event), event.eventTime());
        }
        harness.processWatermark(T0 + 30_000);
        harness.processElement(
                PlaybackSample.telemetry(sample("p3", 25_000, PLAYING, 900)), T0 + 25_000);
        finish();

        List<SessionSummary> summaries = harness.extractOutputValues();
        assertThat(summaries).hasSize(20);
        for (SessionSummary summary : summaries) {
            int p = Integer.parseInt(summary.playbackId().substring(1));
            assertThat(summary.startupMs()).isEqualTo(1_000L + p);
            assertThat(summary.rebufferMs()).isEqualTo(500 + 500L * p);
            assertThat(summary.stallCount()).isEqualTo(p >= 9 ? 1 : 0);
            assertThat(summary.playMs()).isEqualTo(30_000 - (1_000L + p) - (500 + 500L * p));
            assertThat(summary.rebufferCount()).isEqualTo(1);
        }
        assertThat(summaries.stream().map(SessionSummary::playbackId).collect(Collectors.toSet()))
                .hasSize(20);
        assertThat(stalls()).hasSize(11);
    }

    /** The sample as the CMCD decoder would produce it from a v2 play-state event report. */
    private static PlaybackSample asCmcd(
            QoeEvent e, io.reelstream.schemas.events.PlayerState state) {
        return new PlaybackSample(e, QoeFixtures.playStateSignals(null)).withState(state);
    }

    /** Advances event time past every timer and proves nothing is left behind. */
    private void finish() throws Exception {
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private void feed(QoeEvent... events) throws Exception {
        for (QoeEvent event : events) {
            harness.processElement(PlaybackSample.telemetry(event), event.eventTime());
        }
    }

    private void feedSamples(PlaybackSample... samples) throws Exception {
        for (PlaybackSample sample : samples) {
            harness.processElement(sample, sample.eventTime());
        }
    }

    private List<StallEvent> stalls() {
        return QoeFixtures.stalls(harness);
    }

    private static ExpectedSummary summary(
            String id, SessionOutcome outcome, long endOffset, boolean started, Long startupMs) {
        return new ExpectedSummary(id, outcome, endOffset, started, startupMs);
    }

    /** Builds the exact summary a scenario must produce; unset metrics are zero / null. */
    private static final class ExpectedSummary {
        private final String id;
        private final SessionOutcome outcome;
        private final long endOffset;
        private final boolean started;
        private final Long startupMs;
        private long playMs;
        private int rebufferCount;
        private long rebufferMs;
        private Integer avgBitrate;
        private Integer finalBitrate;
        private int switches;
        private int stallCount;
        private boolean exitBeforeStart;
        private boolean startFailure;
        private String error;

        ExpectedSummary(
                String id,
                SessionOutcome outcome,
                long endOffset,
                boolean started,
                Long startupMs) {
            this.id = id;
            this.outcome = outcome;
            this.endOffset = endOffset;
            this.started = started;
            this.startupMs = startupMs;
        }

        ExpectedSummary playMs(long value) {
            playMs = value;
            return this;
        }

        ExpectedSummary rebuffers(int count, long ms) {
            rebufferCount = count;
            rebufferMs = ms;
            return this;
        }

        ExpectedSummary bitrates(int avg, int last, int switchCount) {
            avgBitrate = avg;
            finalBitrate = last;
            switches = switchCount;
            return this;
        }

        ExpectedSummary stalls(int count) {
            stallCount = count;
            return this;
        }

        ExpectedSummary exitBeforeStart() {
            exitBeforeStart = true;
            return this;
        }

        ExpectedSummary startFailure() {
            startFailure = true;
            return this;
        }

        ExpectedSummary error(String code) {
            error = code;
            return this;
        }

        SessionSummary build() {
            long watched = playMs + rebufferMs;
            return new SessionSummary(
                    SessionSummary.CURRENT_VERSION,
                    id,
                    "user-" + id,
                    "title-1",
                    "cdn-a",
                    "isp-x",
                    64500,
                    DeviceType.TV,
                    "US",
                    outcome,
                    T0,
                    T0 + endOffset,
                    started,
                    startupMs,
                    exitBeforeStart,
                    startFailure,
                    rebufferCount,
                    rebufferMs,
                    playMs,
                    watched == 0 ? 0.0 : (double) rebufferMs / watched,
                    avgBitrate,
                    finalBitrate,
                    switches,
                    outcome == SessionOutcome.FAILED ? 1 : 0,
                    error,
                    stallCount,
                    started ? MetricSource.STATES : MetricSource.UNKNOWN,
                    MetricSource.STATES,
                    MetricSource.STATES,
                    null,
                    null,
                    null,
                    false,
                    0,
                    0,
                    0);
        }
    }
}
