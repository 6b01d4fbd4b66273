package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.qoe.SessionSummary;
import io.reelstream.schemas.qoe.StallEvent;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.util.List;

/** Named instants and sample factories shared by the QoE tests. */
final class QoeFixtures {

    static final long T0 = 1_700_000_000_000L;
    static final long STALL_THRESHOLD_MS = 5_000;
    static final long INACTIVITY_TIMEOUT_MS = 60_000;

    private QoeFixtures() {}

    static QoeEvent sample(String playbackId, long offsetMs, PlayerState state, Integer bitrate) {
        return sample(playbackId, offsetMs, state, bitrate, null);
    }

    static QoeEvent sample(
            String playbackId, long offsetMs, PlayerState state, Integer bitrate, String error) {
        return new QoeEvent(
                QoeEvent.CURRENT_VERSION,
                playbackId + "@" + offsetMs,
                T0 + offsetMs,
                playbackId,
                "user-" + playbackId,
                "title-1",
                state,
                8_000L,
                bitrate,
                20_000,
                "cdn-a",
                "isp-x",
                64500,
                DeviceType.TV,
                "US",
                error);
    }

    /**
     * The signals of a v2 play-state event report ({@code e=ps}) with sequence number {@code sn}.
     */
    static CmcdSignals playStateSignals(Long sn) {
        return eventSignals("ps", sn, null, null, null);
    }

    /**
     * The signals of a v2 event report with the reported {@code msd}, {@code bsa}, {@code bsda}.
     */
    static CmcdSignals eventSignals(String type, Long sn, Long msd, Long bsa, Long bsda) {
        return new CmcdSignals(
                true, type, sn, null, null, msd, bsa, bsda, null, null, null, null, null, null,
                null, null, null, null);
    }

    /**
     * The signals of a v1 request for a video object of {@code objectMs}, with the {@code su} and
     * {@code bs} flags.
     */
    static CmcdSignals requestSignals(boolean su, boolean bs, Integer objectMs) {
        return new CmcdSignals(
                false,
                null,
                null,
                su ? true : null,
                bs ? true : null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                objectMs,
                "v",
                null,
                null);
    }

    /** A harness of the per-playback operator, opened, with generic types disabled. */
    static KeyedOneInputStreamOperatorTestHarness<String, PlaybackSample, SessionSummary>
            openSessionHarness() throws Exception {
        return openSessionHarness(0);
    }

    /** The same, signalling stalls ahead of the watermark for samples within the horizon. */
    static KeyedOneInputStreamOperatorTestHarness<String, PlaybackSample, SessionSummary>
            openSessionHarness(long liveHorizonMs) throws Exception {
        return openSessionHarness(
                new PlaybackSessionFunction(
                        STALL_THRESHOLD_MS, INACTIVITY_TIMEOUT_MS, liveHorizonMs));
    }

    /** The same with a settle delay for live samples (0: every sample settles at the watermark). */
    static KeyedOneInputStreamOperatorTestHarness<String, PlaybackSample, SessionSummary>
            openSessionHarness(long liveHorizonMs, long settleDelayMs) throws Exception {
        return openSessionHarness(
                new PlaybackSessionFunction(
                        STALL_THRESHOLD_MS, INACTIVITY_TIMEOUT_MS, liveHorizonMs, settleDelayMs));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, PlaybackSample, SessionSummary>
            openSessionHarness(PlaybackSessionFunction function) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, PlaybackSample, SessionSummary> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(function),
                        new QoeKeys.SampleByPlayback(),
                        Types.STRING);
        disableGenericTypes(harness);
        harness.open();
        return harness;
    }

    /** The live stall signals the per-playback operator emitted so far. */
    static List<StallEvent> stalls(
            KeyedOneInputStreamOperatorTestHarness<String, PlaybackSample, SessionSummary>
                    harness) {
        return harness.getSideOutput(PlaybackSessionFunction.STALLS) == null
                ? List.of()
                : harness.getSideOutput(PlaybackSessionFunction.STALLS).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    /** Proves no state type falls back to Kryo: generic types then fail at state creation. */
    static void disableGenericTypes(AbstractStreamOperatorTestHarness<?> harness) {
        ((SerializerConfigImpl) harness.getExecutionConfig().getSerializerConfig())
                .setGenericTypes(false);
    }
}
