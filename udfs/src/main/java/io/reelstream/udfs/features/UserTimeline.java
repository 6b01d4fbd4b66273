package io.reelstream.udfs.features;

import java.util.ArrayList;
import java.util.List;

/**
 * The small per-user state besides the slices (versioned Flink POJO, one value per user): the
 * feature clock, recency, searches and starts awaiting a conversion match, recent sessions, and the
 * emission schedule.
 */
public class UserTimeline {

    public static final int CURRENT_VERSION = 1;
    public static final long NONE = Long.MIN_VALUE;

    public int v = CURRENT_VERSION;

    /** Event time the features are evaluated at: newest event or fired decay timer. */
    public long asOf = NONE;

    /** Event time of the newest activity. */
    public long lastEventTime = NONE;

    /** Event time of the newest playback event. */
    public long lastPlayAt = NONE;

    /** Emissions so far; orders writes that share an as-of time. */
    public long revision;

    /** Recent searches that may still meet a play start, and whether they already did. */
    public long[] searchTimes = new long[0];

    public boolean[] searchConverted = new boolean[0];

    /** Recent play starts that a late search may still meet. */
    public long[] startTimes = new long[0];

    /** Sessions whose end is still inside the largest window. */
    public List<UserSession> sessions = new ArrayList<>();

    /** Processing time of the last emission. */
    public long lastEmitAt = NONE;

    /** Processing time a debounced emission is scheduled for. */
    public long pendingEmitAt = NONE;

    public UserTimeline() {}
}
