package io.reelstream.udfs.features;

/**
 * Where one playback was last seen (versioned Flink POJO, one map entry per open playback): the
 * base from which the next event's playhead progress becomes watch time.
 */
public class PlaybackCursor {

    public static final int CURRENT_VERSION = 1;

    public int v = CURRENT_VERSION;
    public long eventTime;
    public long positionMs;

    public PlaybackCursor() {}

    public PlaybackCursor(long eventTime, long positionMs) {
        this.eventTime = eventTime;
        this.positionMs = positionMs;
    }
}
