package io.reelstream.udfs.features;

import io.reelstream.udfs.windows.KeyValueStore;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link UserSessionStore} on Flink keyed state of the current key: one {@link MapState} per window
 * (one entry per slice, so an event reads and writes O(1) entries on RocksDB), one for playback
 * cursors, one {@link ValueState} for the timeline. The timeline is cached for one callback and
 * written once by {@link #flush()}.
 */
final class FlinkUserSessionStore implements UserSessionStore {

    private final List<MapState<Long, SliceAccumulator>> sliceStates = new ArrayList<>();
    private final List<KeyValueStore<Long, SliceAccumulator>> slices = new ArrayList<>();
    private final MapState<String, PlaybackCursor> cursorState;
    private final KeyValueStore<String, PlaybackCursor> cursors;
    private final ValueState<UserTimeline> timelineState;

    private UserTimeline cached;
    private boolean loaded;
    private boolean dirty;

    FlinkUserSessionStore(RuntimeContext context) {
        for (var window : UserSessionFeatureSet.WINDOWS) {
            MapState<Long, SliceAccumulator> state =
                    context.getMapState(
                            new MapStateDescriptor<>(
                                    "slices-" + window.name(),
                                    Types.LONG,
                                    TypeInformation.of(SliceAccumulator.class)));
            sliceStates.add(state);
            slices.add(new MapStateStore<>(state));
        }
        cursorState =
                context.getMapState(
                        new MapStateDescriptor<>(
                                "playback-cursors",
                                Types.STRING,
                                TypeInformation.of(PlaybackCursor.class)));
        cursors = new MapStateStore<>(cursorState);
        timelineState =
                context.getState(
                        new ValueStateDescriptor<>(
                                "timeline", TypeInformation.of(UserTimeline.class)));
    }

    /** Forgets the cached timeline; call when a callback for a (possibly other) key starts. */
    void begin() {
        cached = null;
        loaded = false;
        dirty = false;
    }

    /** Writes the timeline if it changed during the callback. */
    void flush() throws Exception {
        if (dirty) {
            timelineState.update(cached);
            dirty = false;
        }
    }

    @Override
    public KeyValueStore<Long, SliceAccumulator> slices(int index) {
        return slices.get(index);
    }

    @Override
    public KeyValueStore<String, PlaybackCursor> cursors() {
        return cursors;
    }

    @Override
    public UserTimeline timeline() throws Exception {
        if (!loaded) {
            cached = timelineState.value();
            loaded = true;
        }
        return cached;
    }

    @Override
    public void setTimeline(UserTimeline timeline) {
        cached = timeline;
        loaded = true;
        dirty = true;
    }

    @Override
    public void clear() {
        for (MapState<Long, SliceAccumulator> state : sliceStates) {
            state.clear();
        }
        cursorState.clear();
        timelineState.clear();
        cached = null;
        loaded = true;
        dirty = false;
    }
}
