package io.reelstream.udfs.qoe;

import java.util.Arrays;

/**
 * Per playback: the stalls signalled ahead of the watermark (by their start), so the watermark's
 * settle does not signal them again, and the rebuffer whose threshold a processing-time timer
 * watches. A versioned Flink POJO (keyed state {@code qoe-stalls-ahead}, added in state version 1).
 */
public class StallsSignalledAhead {

    public static final int CURRENT_VERSION = 1;
    public static final long NONE = Long.MIN_VALUE;

    /** Starts kept at most: older ones are forgotten (the settle then signals them once more). */
    static final int MAX_REMEMBERED = 16;

    public int v = CURRENT_VERSION;

    /** Event-time starts of the stalls signalled ahead and not yet confirmed by the settle. */
    public long[] starts = new long[0];

    /** Event time at which the watched rebuffer crosses the threshold, or {@link #NONE}. */
    public long watchedDueAt = NONE;

    /** Processing time of the timer that watches it, or {@link #NONE}. */
    public long timerAt = NONE;

    public StallsSignalledAhead() {}

    boolean contains(long start) {
        for (long s : starts) {
            if (s == start) {
                return true;
            }
        }
        return false;
    }

    void add(long start) {
        long[] grown = Arrays.copyOf(starts, starts.length + 1);
        grown[starts.length] = start;
        starts =
                grown.length > MAX_REMEMBERED
                        ? Arrays.copyOfRange(grown, grown.length - MAX_REMEMBERED, grown.length)
                        : grown;
    }

    /** Forgets {@code start}; returns whether it was there. */
    boolean remove(long start) {
        for (int i = 0; i < starts.length; i++) {
            if (starts[i] == start) {
                long[] shrunk = new long[starts.length - 1];
                System.arraycopy(starts, 0, shrunk, 0, i);
                System.arraycopy(starts, i + 1, shrunk, i, starts.length - i - 1);
                starts = shrunk;
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return starts.length == 0 && timerAt == NONE;
    }
}
