package io.reelstream.udfs.features.model;

import io.reelstream.udfs.features.PlaybackCursor;
import io.reelstream.udfs.features.UserActivity;

/**
 * Watch time from playhead progress between consecutive events of one playback (Flink-free).
 *
 * <p>The watch time an event adds is {@code progressEnd - previous position}, clamped to {@code [0,
 * event time - previous event time]} (the playhead cannot run faster than the clock; pauses and
 * backward seeks add nothing). An event older than the playback's newest event adds nothing and
 * does not move the cursor; the newer event already counted up to its own time, so reordering moves
 * watch time between slices but never loses or doubles it. A gap longer than {@code maxGapMs}
 * starts over (the player went away).
 */
public final class PlaybackProgress {

    private final long maxGapMs;

    public PlaybackProgress(long maxGapMs) {
        this.maxGapMs = maxGapMs;
    }

    /** Watch time, ms, that {@code event} adds after {@code cursor} ({@code null}: none yet). */
    public long watchedMs(PlaybackCursor cursor, UserActivity event) {
        if (cursor == null || event.eventTime <= cursor.eventTime) {
            return 0;
        }
        long gap = event.eventTime - cursor.eventTime;
        if (gap > maxGapMs) {
            return 0;
        }
        return Math.max(0, Math.min(event.progressEndMs - cursor.positionMs, gap));
    }

    /** The cursor after {@code event}: moved if the event is the newest of its playback. */
    public PlaybackCursor advance(PlaybackCursor cursor, UserActivity event) {
        if (cursor != null && event.eventTime <= cursor.eventTime) {
            return cursor;
        }
        return new PlaybackCursor(event.eventTime, event.positionMs);
    }

    /** Whether no event that is on time at {@code watermark - lateness} can use the cursor. */
    public boolean isObsolete(PlaybackCursor cursor, long watermark, long allowedLatenessMs) {
        return watermark != Long.MIN_VALUE
                && cursor.eventTime + maxGapMs < watermark - allowedLatenessMs;
    }
}
