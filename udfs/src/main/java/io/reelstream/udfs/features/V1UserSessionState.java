package io.reelstream.udfs.features;

import io.reelstream.udfs.features.model.UserSessionFeatureSet;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the session features state of schema v1 (one POJO map entry per slice and per cursor, one
 * timeline value; the same descriptors as the v1 code) into a {@link UserSessionState}, key by key,
 * and clears it: the lazy migration to v2. A key is migrated at its first callback after a restore;
 * every v1 key has a pending decay timer, so every key is migrated before its data could be needed.
 * Used only when the operator was restored.
 */
final class V1UserSessionState {

    private final List<MapState<Long, SliceAccumulator>> slices = new ArrayList<>();
    private final MapState<String, PlaybackCursor> cursors;
    private final ValueState<UserTimeline> timeline;

    V1UserSessionState(RuntimeContext context) {
        for (var window : UserSessionFeatureSet.WINDOWS) {
            slices.add(
                    context.getMapState(
                            new MapStateDescriptor<>(
                                    "slices-" + window.name(),
                                    Types.LONG,
                                    TypeInformation.of(SliceAccumulator.class))));
        }
        cursors =
                context.getMapState(
                        new MapStateDescriptor<>(
                                "playback-cursors",
                                Types.STRING,
                                TypeInformation.of(PlaybackCursor.class)));
        timeline =
                context.getState(
                        new ValueStateDescriptor<>(
                                "timeline", TypeInformation.of(UserTimeline.class)));
    }

    /** The current key's v1 state as v2 (v1 cleared), or {@code null} if the key has none. */
    UserSessionState migrate() throws Exception {
        UserTimeline old = timeline.value();
        if (old == null) {
            return null;
        }
        UserSessionState state = new UserSessionState();
        state.setTimeline(old);
        for (int i = 0; i < slices.size(); i++) {
            for (Map.Entry<Long, SliceAccumulator> slice : slices.get(i).entries()) {
                state.slices(i).put(slice.getKey(), slice.getValue());
            }
            slices.get(i).clear();
        }
        for (Map.Entry<String, PlaybackCursor> cursor : cursors.entries()) {
            state.cursors().put(cursor.getKey(), cursor.getValue());
        }
        cursors.clear();
        timeline.clear();
        return state;
    }
}
