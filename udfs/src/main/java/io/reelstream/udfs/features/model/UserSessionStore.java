package io.reelstream.udfs.features.model;

import io.reelstream.udfs.features.PlaybackCursor;
import io.reelstream.udfs.features.SliceAccumulator;
import io.reelstream.udfs.features.UserTimeline;
import io.reelstream.udfs.windows.KeyValueStore;

/**
 * Where one user's user_session state lives: Flink keyed state in the job, plain maps in references
 * and benchmarks. {@link UserSessionModel} only talks to this.
 */
public interface UserSessionStore {

    /** Slices of window {@code index} of {@link UserSessionFeatureSet#WINDOWS}, by slice start. */
    KeyValueStore<Long, SliceAccumulator> slices(int index);

    /** Open playbacks by playback id. */
    KeyValueStore<String, PlaybackCursor> cursors();

    /** The timeline, or {@code null} for a user without state. */
    UserTimeline timeline() throws Exception;

    void setTimeline(UserTimeline timeline) throws Exception;

    /** Removes all of the user's state. */
    void clear() throws Exception;
}
