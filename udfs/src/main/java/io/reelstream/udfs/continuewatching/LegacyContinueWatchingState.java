package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.events.PlaybackEvent;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the continue-watching state of schemas v1 and v2 (three keyed states with state TTL: the
 * settled row, the write clock, and the waiting events by event time; the same descriptors as that
 * code) into a {@link ContinueWatchingState}, key by key, and clears it: the lazy migration to v3.
 * A key is migrated at its first callback after a restore; every such key has a pending apply or
 * expiry timer, so every key is migrated before its data could be needed. The old code registered a
 * timer per waiting event time: the later ones fire into v3 as timers it does not track, and find
 * nothing to do. Used only when the operator was restored.
 */
final class LegacyContinueWatchingState {

    private final ValueState<ContinueWatchingRow> row;
    private final ValueState<RowWriteClock> clock;
    private final MapState<Long, List<PlaybackEvent>> pending;

    LegacyContinueWatchingState(RuntimeContext context, long maxAgeMs) {
        StateTtlConfig ttl =
                StateTtlConfig.newBuilder(Duration.ofMillis(maxAgeMs))
                        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                        .build();
        ValueStateDescriptor<ContinueWatchingRow> rowDescriptor =
                new ValueStateDescriptor<>(
                        "continue-watching-row", TypeInformation.of(ContinueWatchingRow.class));
        ValueStateDescriptor<RowWriteClock> clockDescriptor =
                new ValueStateDescriptor<>(
                        "continue-watching-write-clock", TypeInformation.of(RowWriteClock.class));
        MapStateDescriptor<Long, List<PlaybackEvent>> pendingDescriptor =
                new MapStateDescriptor<>(
                        "continue-watching-pending",
                        Types.LONG,
                        Types.LIST(TypeInformation.of(PlaybackEvent.class)));
        rowDescriptor.enableTimeToLive(ttl);
        clockDescriptor.enableTimeToLive(ttl);
        pendingDescriptor.enableTimeToLive(ttl);
        row = context.getState(rowDescriptor);
        clock = context.getState(clockDescriptor);
        pending = context.getMapState(pendingDescriptor);
    }

    /** The current key's old state as v3 (old state cleared), or {@code null} if it has none. */
    ContinueWatchingState migrate() throws Exception {
        List<PlaybackEvent> waiting = new ArrayList<>();
        for (List<PlaybackEvent> atTime : pending.values()) {
            waiting.addAll(atTime);
        }
        ContinueWatchingRow settled = row.value();
        RowWriteClock writes = clock.value();
        if (settled == null && writes == null && waiting.isEmpty()) {
            return null;
        }
        if (settled != null) {
            settled.upgrade();
        }
        ContinueWatchingState state =
                new ContinueWatchingState(settled, writes, waiting, RowWriteClock.NEVER);
        // The old code has a timer at every waiting event time: the earliest is the apply timer.
        state.applyTimerAt = state.earliestPending();
        row.clear();
        clock.clear();
        pending.clear();
        return state;
    }
}
