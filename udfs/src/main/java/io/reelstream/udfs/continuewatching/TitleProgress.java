package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.udfs.continuewatching.model.PlaybackOrder;

/**
 * What is known about one member's viewing of one title: bookmark, last event applied, watch time
 * since the last completion and the playback anchor it accumulates from. A versioned Flink POJO
 * held inside {@link ContinueWatchingRow}; v2 added {@link #completions} (see {@link #upgrade()}).
 */
public class TitleProgress {

    public static final int CURRENT_VERSION = 2;

    public int v = CURRENT_VERSION;
    public String titleId;
    public String showId;
    public long positionMs;
    public long runtimeMs;
    public DeviceType device;

    /** Event time of the newest event applied: the last-watched time. */
    public long lastWatchedAt;

    public int lastRank;
    public String lastEventId;

    /** Apply sequence number within the user, the final tie-break of "latest". */
    public long seq;

    /** Watch time accumulated from position progress since the last completion. */
    public long watchedMs;

    /** Watched long enough (or handed off) since the last completion. */
    public boolean entered;

    public boolean completed;

    /** Event time and sequence number of the last completion (valid while completed). */
    public long completedAt;

    public long completedSeq;

    /**
     * How often the member finished this title (v2). v1 did not count: {@link #upgrade()} gives a
     * title restored from v1 state one completion if it is finished, else none.
     */
    public int completions;

    public String anchorPlaybackId;
    public long anchorPositionMs;
    public long anchorTime;

    public TitleProgress() {}

    /** An independent copy (every field is a value or immutable). */
    TitleProgress copy() {
        TitleProgress c = new TitleProgress();
        c.v = v;
        c.titleId = titleId;
        c.showId = showId;
        c.positionMs = positionMs;
        c.runtimeMs = runtimeMs;
        c.device = device;
        c.lastWatchedAt = lastWatchedAt;
        c.lastRank = lastRank;
        c.lastEventId = lastEventId;
        c.seq = seq;
        c.watchedMs = watchedMs;
        c.entered = entered;
        c.completed = completed;
        c.completedAt = completedAt;
        c.completedSeq = completedSeq;
        c.completions = completions;
        c.anchorPlaybackId = anchorPlaybackId;
        c.anchorPositionMs = anchorPositionMs;
        c.anchorTime = anchorTime;
        return c;
    }

    static TitleProgress of(String titleId) {
        TitleProgress title = new TitleProgress();
        title.titleId = titleId;
        title.showId = titleId;
        title.lastWatchedAt = Long.MIN_VALUE;
        return title;
    }

    /** Whether {@code event} is newer than everything this title has applied. */
    boolean isNewer(PlaybackEvent event) {
        return lastEventId == null
                || PlaybackOrder.compare(event, lastWatchedAt, lastRank, lastEventId) > 0;
    }

    void markApplied(PlaybackEvent event, long sequence) {
        lastWatchedAt = event.eventTime();
        lastRank = PlaybackOrder.rank(event.type());
        lastEventId = event.eventId();
        device = event.deviceType();
        seq = sequence;
    }

    /**
     * Adds the position progress since the anchor of the same playback, never more than the event
     * time elapsed (a seek forward is not watching), then moves the anchor to this event.
     */
    void accumulate(PlaybackEvent event) {
        if (event.playbackId() != null
                && event.playbackId().equals(anchorPlaybackId)
                && event.eventTime() >= anchorTime) {
            long reached =
                    event.type() == PlaybackEventType.SEEK && event.seekFromMs() != null
                            ? event.seekFromMs()
                            : event.positionMs();
            long progress = reached - anchorPositionMs;
            if (progress > 0) {
                watchedMs += Math.min(progress, event.eventTime() - anchorTime);
            }
        }
        moveAnchor(event);
    }

    void moveAnchor(PlaybackEvent event) {
        anchorPlaybackId = event.playbackId();
        anchorPositionMs = event.positionMs();
        anchorTime = event.eventTime();
    }

    void markCompleted() {
        completed = true;
        completions++;
        completedAt = lastWatchedAt;
        completedSeq = seq;
        entered = false;
        watchedMs = 0;
    }

    /** Brings a title read from state of an older layout to {@link #CURRENT_VERSION}. */
    void upgrade() {
        if (v < 2) {
            completions = completed ? 1 : 0;
        }
        v = CURRENT_VERSION;
    }

    /** Entered or completed: a real viewing that decides which episode stands for its series. */
    boolean isDecisive() {
        return entered || completed;
    }

    /** When this title last decided its show's slot: its completion, or its last viewing. */
    long decidedAt() {
        return completed ? completedAt : lastWatchedAt;
    }

    long decidedSeq() {
        return completed ? completedSeq : seq;
    }

    boolean isInRow() {
        return entered && !completed;
    }

    double progress() {
        return runtimeMs > 0 ? Math.min(1.0, (double) positionMs / runtimeMs) : 0.0;
    }
}
