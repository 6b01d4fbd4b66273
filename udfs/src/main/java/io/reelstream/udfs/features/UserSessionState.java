package io.reelstream.udfs.features;

import io.reelstream.udfs.features.model.UserSessionFeatureSet;
import io.reelstream.udfs.features.model.UserSessionStore;
import io.reelstream.udfs.ingest.RecentEventIds;
import io.reelstream.udfs.windows.TreeMapStore;

import java.util.ArrayList;
import java.util.List;

/**
 * All of one user's user_session state as one value (state schema v2): the timeline, the slices of
 * every window, the open playback cursors, the recent event ids (duplicates) and the one pending
 * decay timer. The Flink job reads and writes it once per callback (one RocksDB get and put instead
 * of one per slice, cursor and id); references and tests use it directly. Flink-free.
 */
public final class UserSessionState implements UserSessionStore {

    private final List<TreeMapStore<Long, SliceAccumulator>> slices = new ArrayList<>();
    private final TreeMapStore<String, PlaybackCursor> cursors = new TreeMapStore<>();
    private final RecentEventIds recentIds = new RecentEventIds();
    private UserTimeline timeline;
    private long decayTimerAt = UserTimeline.NONE;

    public UserSessionState() {
        for (int i = 0; i < UserSessionFeatureSet.WINDOWS.size(); i++) {
            slices.add(new TreeMapStore<>());
        }
    }

    @Override
    public TreeMapStore<Long, SliceAccumulator> slices(int index) {
        return slices.get(index);
    }

    @Override
    public TreeMapStore<String, PlaybackCursor> cursors() {
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

    /** Ids of the user's events that a copy could still duplicate. */
    public RecentEventIds recentIds() {
        return recentIds;
    }

    /** Event time of the decay timer registered for the user, or {@link UserTimeline#NONE}. */
    public long decayTimerAt() {
        return decayTimerAt;
    }

    public void setDecayTimerAt(long decayTimerAt) {
        this.decayTimerAt = decayTimerAt;
    }

    @Override
    public void clear() {
        slices.forEach(TreeMapStore::clear);
        cursors.clear();
        recentIds.clear();
        timeline = null;
        decayTimerAt = UserTimeline.NONE;
    }

    /** Number of slices held in window {@code index}. */
    public int sliceCount(int index) {
        return slices.get(index).size();
    }
}
