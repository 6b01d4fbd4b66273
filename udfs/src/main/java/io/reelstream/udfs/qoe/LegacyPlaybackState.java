package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.udfs.qoe.model.PlaybackSession;
import io.reelstream.udfs.qoe.model.SameInstantSamples;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the QoE state of versions 1 and 2 (five keyed states: the settled session, the waiting
 * samples, the previous release's waiting telemetry events, the closed marker and the stalls
 * signalled ahead; the same descriptors as that code) into a {@link PlaybackState}, key by key, and
 * clears it: the lazy migration to version 3. The old code armed an event-time timer at every
 * waiting instant, deadline and closed marker, so every old key gets a callback, and is migrated
 * there or at its next sample, whichever comes first. Used only when the operator was restored.
 */
final class LegacyPlaybackState {

    private final ValueState<PlaybackSessionState> session;
    private final MapState<Long, List<PlaybackSample>> pending;
    private final MapState<Long, List<QoeEvent>> previousReleasePending;
    private final ValueState<Long> closedAt;
    private final ValueState<StallsSignalledAhead> ahead;

    LegacyPlaybackState(RuntimeContext context) {
        session =
                context.getState(
                        new ValueStateDescriptor<>(
                                "qoe-session", TypeInformation.of(PlaybackSessionState.class)));
        pending =
                context.getMapState(
                        new MapStateDescriptor<>(
                                "qoe-pending-samples-v2",
                                Types.LONG,
                                Types.LIST(TypeInformation.of(PlaybackSample.class))));
        previousReleasePending =
                context.getMapState(
                        new MapStateDescriptor<>(
                                "qoe-pending-samples",
                                Types.LONG,
                                Types.LIST(TypeInformation.of(QoeEvent.class))));
        closedAt = context.getState(new ValueStateDescriptor<>("qoe-closed-at", Types.LONG));
        ahead =
                context.getState(
                        new ValueStateDescriptor<>(
                                "qoe-stalls-ahead",
                                TypeInformation.of(StallsSignalledAhead.class)));
    }

    /**
     * The current key's old state as version 3 (old state cleared), or {@code null} if it has none.
     *
     * @param duplicateSamples counts the previous release's events that repeat another sample
     */
    PlaybackState migrate(Counter duplicateSamples) throws Exception {
        PlaybackState state = new PlaybackState();
        for (Map.Entry<Long, List<PlaybackSample>> instant : pending.entries()) {
            state.pending.put(instant.getKey(), new ArrayList<>(instant.getValue()));
        }
        for (Map.Entry<Long, List<QoeEvent>> instant : previousReleasePending.entries()) {
            List<PlaybackSample> restored =
                    SameInstantSamples.fromPreviousRelease(instant.getValue());
            duplicateSamples.inc(instant.getValue().size() - restored.size());
            state.pending
                    .computeIfAbsent(instant.getKey(), t -> new ArrayList<>())
                    .addAll(restored);
        }
        PlaybackSessionState settled = session.value();
        Long closed = closedAt.value();
        StallsSignalledAhead signalled = ahead.value();
        if (settled == null && closed == null && signalled == null && state.pending.isEmpty()) {
            return null;
        }
        if (settled != null) {
            // resume() upgrades a version 1 session; its buffered samples are all in pending now.
            state.session = PlaybackSession.resume(settled).state();
            state.session.previousReleaseSamples = false;
        }
        state.closedAt = closed == null ? PlaybackState.NONE : closed;
        state.ahead = signalled;
        // The old timers are all still armed: the earliest waiting instant is the settle timer.
        state.settleTimerAt = state.firstPending().orElse(PlaybackState.NONE);
        session.clear();
        pending.clear();
        previousReleasePending.clear();
        closedAt.clear();
        ahead.clear();
        return state;
    }
}
