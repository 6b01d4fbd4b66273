package io.reelstream.udfs.recs;

import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.udfs.mf.EngagementRules;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.reelstream.udfs.recs.RecsFixtures.MINUTE;
import static io.reelstream.udfs.recs.RecsFixtures.T0;
import static io.reelstream.udfs.recs.RecsFixtures.playback;
import static org.assertj.core.api.Assertions.assertThat;

class PlaybackEngagementFunctionTest {

    private static final long TIMEOUT = 30 * MINUTE;
    private static final long RUNTIME = 45 * MINUTE;

    private KeyedOneInputStreamOperatorTestHarness<String, PlaybackEvent, TitleInteraction> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new PlaybackEngagementFunction(
                                        EngagementRules.defaults(), TIMEOUT)),
                        PlaybackEvent::playbackId,
                        Types.STRING);
        RecsFixtures.disableGenericTypes(harness);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void shouldEmitACompletionAndDropLateDuplicatesThenCleanUp() throws Exception {
        harness.processElement(playback("p1", PlaybackEventType.START, T0, 0, RUNTIME), T0);
        harness.processElement(
                playback("p1", PlaybackEventType.HEARTBEAT, T0 + 20 * MINUTE, 20 * MINUTE, RUNTIME),
                T0 + 20 * MINUTE);
        harness.processElement(
                playback("p1", PlaybackEventType.COMPLETE, T0 + 44 * MINUTE, 44 * MINUTE, RUNTIME),
                T0 + 44 * MINUTE);
        harness.processElement(
                playback("p1", PlaybackEventType.STOP, T0 + 45 * MINUTE, 45 * MINUTE, RUNTIME),
                T0 + 45 * MINUTE);

        assertThat(harness.extractOutputValues())
                .containsExactly(
                        new TitleInteraction(
                                TitleInteraction.CURRENT_VERSION,
                                "u1",
                                "ep-1",
                                3f,
                                T0 + 44 * MINUTE,
                                1f));

        harness.processWatermark(T0 + 44 * MINUTE + TIMEOUT);
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldTreatAnEarlyStopAsAWeakNegative() throws Exception {
        harness.processElement(playback("p2", PlaybackEventType.START, T0, 0, RUNTIME), T0);
        harness.processElement(
                playback("p2", PlaybackEventType.STOP, T0 + MINUTE, MINUTE, RUNTIME), T0 + MINUTE);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .extracting(TitleInteraction::weight)
                .isEqualTo(-0.3f);
    }

    @Test
    void shouldFinishAQuietPlaybackOnTheTimeoutWithItsFurthestPosition() throws Exception {
        harness.processElement(playback("p3", PlaybackEventType.START, T0, 0, RUNTIME), T0);
        harness.processElement(
                playback("p3", PlaybackEventType.HEARTBEAT, T0 + 20 * MINUTE, 20 * MINUTE, RUNTIME),
                T0 + 20 * MINUTE);
        // out of order: an older heartbeat must not move the position back
        harness.processElement(
                playback("p3", PlaybackEventType.HEARTBEAT, T0 + 10 * MINUTE, 10 * MINUTE, RUNTIME),
                T0 + 10 * MINUTE);

        harness.processWatermark(T0 + 20 * MINUTE + TIMEOUT - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(T0 + 20 * MINUTE + TIMEOUT);
        float expected = EngagementRules.defaults().weight(20 * MINUTE, RUNTIME, false);
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        i -> {
                            assertThat(i.weight()).isEqualTo(expected).isGreaterThan(1f);
                            assertThat(i.eventTime()).isEqualTo(T0 + 20 * MINUTE);
                        });

        harness.processWatermark(T0 + 20 * MINUTE + 2 * TIMEOUT);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldEmitNothingForAMiddlingPlayback() throws Exception {
        harness.processElement(playback("p4", PlaybackEventType.START, T0, 0, RUNTIME), T0);
        harness.processElement(
                playback("p4", PlaybackEventType.STOP, T0 + 3 * MINUTE, 3 * MINUTE, RUNTIME),
                T0 + 3 * MINUTE);

        harness.processWatermark(T0 + 3 * MINUTE + TIMEOUT);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aLateEventOfAPlaybackAlreadyCountedAndClearedIsTooLateNotCountedAgain() throws Exception {
        harness.processElement(playback("p5", PlaybackEventType.START, T0, 0, RUNTIME), T0);
        harness.processElement(
                playback("p5", PlaybackEventType.COMPLETE, T0 + 44 * MINUTE, 44 * MINUTE, RUNTIME),
                T0 + 44 * MINUTE);
        harness.processWatermark(T0 + 44 * MINUTE + TIMEOUT);
        assertThat(harness.numKeyedStateEntries()).isZero();

        // a straggler of the same playback, after its state is gone (a backlog, a replay)
        PlaybackEvent straggler =
                playback("p5", PlaybackEventType.HEARTBEAT, T0 + 20 * MINUTE, 20 * MINUTE, RUNTIME);
        harness.processElement(straggler, straggler.eventTime());
        harness.processWatermark(T0 + 44 * MINUTE + 3 * TIMEOUT);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.getSideOutput(PlaybackEngagementFunction.TOO_LATE))
                .extracting(StreamRecord::getValue)
                .containsExactly(straggler);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aNewPlaybackLessThanATimeoutBehindTheWatermarkIsStillCounted() throws Exception {
        harness.processWatermark(T0 + TIMEOUT - 1);

        harness.processElement(playback("p6", PlaybackEventType.START, T0, 0, RUNTIME), T0);
        harness.processElement(
                playback("p6", PlaybackEventType.COMPLETE, T0 + 44 * MINUTE, 44 * MINUTE, RUNTIME),
                T0 + 44 * MINUTE);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .extracting(TitleInteraction::weight)
                .isEqualTo(3f);
        assertThat(harness.getSideOutput(PlaybackEngagementFunction.TOO_LATE)).isNull();
    }

    @Test
    void aNewPlaybackATimeoutBehindTheWatermarkIsTooLate() throws Exception {
        harness.processWatermark(T0 + TIMEOUT);

        PlaybackEvent start = playback("p7", PlaybackEventType.START, T0, 0, RUNTIME);
        harness.processElement(start, T0);
        harness.processWatermark(T0 + 3 * TIMEOUT);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getSideOutput(PlaybackEngagementFunction.TOO_LATE))
                .extracting(StreamRecord::getValue)
                .containsExactly(start);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
