package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.qoe.MetricSource;
import io.reelstream.schemas.qoe.SessionOutcome;
import io.reelstream.schemas.qoe.SessionSummary;
import io.reelstream.udfs.qoe.model.PlaybackSession;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.reelstream.schemas.events.PlayerState.ENDED;
import static io.reelstream.schemas.events.PlayerState.PLAYING;
import static io.reelstream.schemas.events.PlayerState.REBUFFERING;
import static io.reelstream.schemas.events.PlayerState.STARTING;
import static io.reelstream.udfs.qoe.QoeFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the per-playback operator weighs its three kinds of evidence: play states, CMCD requests
 * ({@code su}, retrospective {@code bs}) and CMCD v2 reported values ({@code msd}, {@code bsa},
 * ...). Each case ends with all keyed state and timers gone.
 */
class PlaybackEvidenceTest {

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
    void aBsFlagAfterAStallReportedByPlayStatesConfirmsItAndAddsNone() throws Exception {
        SessionSummary summary =
                run(
                        state(0, STARTING),
                        request(0, true, false, 0L),
                        state(1_000, PLAYING),
                        request(1_000, false, false, 4_000L),
                        state(10_000, REBUFFERING),
                        state(12_000, PLAYING),
                        request(12_000, true, true, 4_000L), // bs: starved since 1_000
                        request(16_000, false, false, 8_000L),
                        state(30_000, ENDED));

        assertThat(summary.rebufferCount()).isEqualTo(1);
        assertThat(summary.rebufferMs()).isEqualTo(2_000);
        assertThat(summary.rebufferCountSource()).isEqualTo(MetricSource.STATES);
        assertThat(summary.startupMs()).isEqualTo(1_000);
    }

    @Test
    void startupDoesNotDependOnTheOrderOfAStartingReportAndARequestOfTheSameInstant()
            throws Exception {
        PlaybackSample starting = state(0, STARTING);
        PlaybackSample firstRequest = request(0, false, false, 0L); // no su: v1 read it as PLAYING
        SessionSummary requestFirst =
                run("a", firstRequest, starting, state(1_300, PLAYING), state(9_000, ENDED));
        SessionSummary reportFirst =
                run("b", starting, firstRequest, state(1_300, PLAYING), state(9_000, ENDED));

        assertThat(requestFirst.startupMs()).isEqualTo(1_300);
        assertThat(reportFirst.startupMs()).isEqualTo(1_300);
        assertThat(requestFirst.startupSource()).isEqualTo(MetricSource.STATES);
    }

    @Test
    void aV1OnlyPlayerCountsEachStarvationOnceAndEstimatesItsTimeByBufferAccounting()
            throws Exception {
        // 4 s objects; the download requested at 5_000 with 3_000 of buffer took 6_000:
        // the buffer ran dry at 8_000 and the object arrived at 11_000: 3_000 starved.
        SessionSummary summary =
                run(
                        request(0, true, false, 0L),
                        request(1_000, false, false, 4_000L),
                        request(5_000, false, false, 3_000L),
                        request(11_000, true, true, 4_000L),
                        request(12_000, false, false, 7_000L));

        assertThat(summary.started()).isTrue();
        assertThat(summary.startupMs()).isEqualTo(1_000);
        assertThat(summary.startupSource()).isEqualTo(MetricSource.REQUESTS);
        assertThat(summary.rebufferCount()).isEqualTo(1);
        assertThat(summary.rebufferCountSource()).isEqualTo(MetricSource.REQUESTS);
        assertThat(summary.rebufferMs()).isEqualTo(3_000);
        assertThat(summary.rebufferDurationSource()).isEqualTo(MetricSource.ESTIMATED);
        // played from 1_000 to the end of the last object (12_000 + 7_000 + 4_000), less 3_000
        assertThat(summary.playMs()).isEqualTo(19_000);
    }

    @Test
    void aStarvationWithoutBufferLengthsHasAnUnknownTimeAndNoRatio() throws Exception {
        SessionSummary summary =
                run(
                        request(0, true, false, null),
                        request(1_000, false, false, null),
                        request(9_000, true, true, null),
                        request(10_000, false, false, null));

        assertThat(summary.rebufferCount()).isEqualTo(1);
        assertThat(summary.rebufferDurationSource()).isEqualTo(MetricSource.UNKNOWN);
        assertThat(summary.rebufferRatio()).isNull();
        assertThat(summary.rebufferDurationKnown()).isFalse();
    }

    @Test
    void reportedValuesWinOverStatesAndEachDisagreementIsCounted() throws Exception {
        SessionSummary summary =
                run(
                        state(0, STARTING),
                        reported(900, PLAYING, 1_500L, null, null),
                        state(5_000, REBUFFERING),
                        state(6_000, PLAYING),
                        reported(20_000, null, null, 2L, 4_000L),
                        state(30_000, ENDED));

        assertThat(summary.startupMs()).isEqualTo(1_500);
        assertThat(summary.startupSource()).isEqualTo(MetricSource.REPORTED);
        assertThat(summary.rebufferCount()).isEqualTo(2);
        assertThat(summary.rebufferMs()).isEqualTo(4_000);
        assertThat(summary.rebufferDurationSource()).isEqualTo(MetricSource.REPORTED);
        assertThat(summary.reportDisagreements()).isEqualTo(3);
    }

    @Test
    void absoluteCountersKeepTheLargestValueSeenUnderLossAndReordering() throws Exception {
        SessionSummary summary =
                run(
                        state(0, STARTING),
                        state(1_000, PLAYING),
                        reported(10_000, null, null, 3L, 9_000L),
                        reported(12_000, null, null, 2L, 5_000L), // an older report, late
                        reported(12_000, null, null, 3L, 9_000L), // a repeated report
                        state(40_000, ENDED));

        assertThat(summary.rebufferCount()).isEqualTo(3);
        assertThat(summary.rebufferMs()).isEqualTo(9_000);
    }

    @Test
    void aVersion1StateIsMigratedOnResume() {
        PlaybackSessionState v1 = new PlaybackSessionState();
        v1.v = 1;
        v1.playbackId = "old";
        v1.firstSampleTime = T0;
        v1.lastSampleTime = T0 + 2_000;
        v1.state = PLAYING;
        v1.stateSince = T0 + 2_000;
        v1.started = true;
        v1.startupMs = 2_000;

        PlaybackSession session = PlaybackSession.resume(v1);
        session.apply(state(5_000, REBUFFERING));
        session.apply(state(6_000, PLAYING));
        Optional<SessionOutcome> outcome = session.apply(state(10_000, ENDED));
        SessionSummary summary = session.summarize(outcome.orElseThrow());

        assertThat(v1.v).isEqualTo(PlaybackSessionState.CURRENT_VERSION);
        assertThat(summary.startupMs()).isEqualTo(2_000);
        assertThat(summary.playMs()).isEqualTo(3_000 + 4_000);
        assertThat(summary.rebufferMs()).isEqualTo(1_000);
        assertThat(summary.rebufferCount()).isEqualTo(1);
    }

    private SessionSummary run(PlaybackSample... samples) throws Exception {
        return run("p", samples);
    }

    private SessionSummary run(String id, PlaybackSample... samples) throws Exception {
        List<SessionSummary> before = new ArrayList<>(harness.extractOutputValues());
        for (PlaybackSample sample : samples) {
            PlaybackSample keyed = new PlaybackSample(renamed(sample.event(), id), sample.cmcd());
            harness.processElement(keyed, keyed.eventTime());
        }
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        List<SessionSummary> after = new ArrayList<>(harness.extractOutputValues());
        after.removeAll(before);
        assertThat(after).hasSize(1);
        return after.get(0);
    }

    private static PlaybackSample state(long offset, PlayerState state) {
        return new PlaybackSample(event(offset, state, null), QoeFixtures.playStateSignals(null));
    }

    private static PlaybackSample request(long offset, boolean su, boolean bs, Long bufferMs) {
        return new PlaybackSample(
                event(offset, null, bufferMs), QoeFixtures.requestSignals(su, bs, 4_000));
    }

    private static PlaybackSample reported(
            long offset, PlayerState state, Long msd, Long bsa, Long bsda) {
        CmcdSignals signals =
                QoeFixtures.eventSignals(state == null ? "t" : "ps", null, msd, bsa, bsda);
        return new PlaybackSample(event(offset, state, null), signals);
    }

    private static QoeEvent event(long offset, PlayerState state, Long bufferMs) {
        return event("p", offset, state, bufferMs);
    }

    private static QoeEvent renamed(QoeEvent e, String id) {
        return event(id, e.eventTime() - T0, e.state(), e.bufferMs());
    }

    private static QoeEvent event(String id, long offset, PlayerState state, Long bufferMs) {
        return new QoeEvent(
                QoeEvent.CURRENT_VERSION,
                "e@" + offset + "/" + state + "/" + bufferMs,
                T0 + offset,
                id,
                "u",
                "t",
                state,
                bufferMs,
                2_000,
                null,
                "cdn-a",
                "isp-x",
                64500,
                DeviceType.TV,
                "US",
                null);
    }
}
