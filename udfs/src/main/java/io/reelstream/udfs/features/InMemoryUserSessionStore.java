package io.reelstream.udfs.features;

import io.reelstream.udfs.windows.KeyValueStore;
import io.reelstream.udfs.windows.TreeMapStore;

import java.util.ArrayList;
import java.util.List;

/** A {@link UserSessionStore} on plain maps: for references, tests and benchmarks. */
public final class InMemoryUserSessionStore implements UserSessionStore {

    private final List<TreeMapStore<Long, SliceAccumulator>> slices = new ArrayList<>();
    private final TreeMapStore<String, PlaybackCursor> cursors = new TreeMapStore<>();
    private UserTimeline timeline;

    public InMemoryUserSessionStore() {
        for (int i = 0; i < UserSessionFeatureSet.WINDOWS.size(); i++) {
            slices.add(new TreeMapStore<>());
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
    public UserTimeline timeline() {
        return timeline;
    }

    @Override
    public void setTimeline(UserTimeline timeline) {
        this.timeline = timeline;
    }

    @Override
    public void clear() {
        slices.replaceAll(ignored -> new TreeMapStore<>());
        timeline = null;
        List<String> ids = new ArrayList<>();
        cursors.entries().forEach(e -> ids.add(e.getKey()));
        ids.forEach(cursors::remove);
    }

    /** Number of slices held in window {@code index}. */
    public int sliceCount(int index) {
        return slices.get(index).size();
    }
}
