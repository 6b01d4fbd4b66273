package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.udfs.continuewatching.model.CatalogLookup;
import io.reelstream.udfs.continuewatching.model.Completion;
import io.reelstream.udfs.continuewatching.model.ContinueWatchingSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * One member's continue-watching model, Flink-free: applies playback events (in {@link
 * PlaybackOrder}) against the catalog and derives the served row. Held as one versioned Flink POJO
 * in keyed state, so a batch of events costs one state read and one write. v2: its titles are
 * {@link TitleProgress} v2; {@link #upgrade()} brings state written by v1 up to date.
 */
public class ContinueWatchingRow {

    public static final int CURRENT_VERSION = 2;

    public int v = CURRENT_VERSION;
    public List<TitleProgress> titles = new ArrayList<>();

    /** Number of applied events and hand-offs, the tie-break of "latest" within a millisecond. */
    public long seq;

    public ContinueWatchingRow() {}

    /** An independent copy: applying events to it leaves this row as it is. */
    public ContinueWatchingRow copy() {
        ContinueWatchingRow c = new ContinueWatchingRow();
        c.v = v;
        c.seq = seq;
        c.titles = new ArrayList<>(titles.size());
        for (TitleProgress title : titles) {
            c.titles.add(title.copy());
        }
        return c;
    }

    /** Brings a row read from state of an older layout (and its titles) to the current one. */
    public void upgrade() {
        if (v < CURRENT_VERSION) {
            for (TitleProgress title : titles) {
                title.upgrade();
            }
            v = CURRENT_VERSION;
        }
    }

    /**
     * Applies one event unless the title already applied a newer (or the same) event.
     *
     * @return whether the event was applied
     */
    public boolean apply(
            PlaybackEvent event, CatalogLookup catalog, ContinueWatchingSettings settings) {
        TitleProgress title = find(event.titleId());
        if (title != null && !title.isNewer(event)) {
            return false;
        }
        if (title == null) {
            title = TitleProgress.of(event.titleId());
            titles.add(title);
        }
        CatalogTitle known = catalog.title(event.titleId());
        title.showId = known != null ? known.showId() : event.titleId();
        title.runtimeMs =
                known != null && known.runtimeMs > 0 ? known.runtimeMs : event.runtimeMs();
        if (title.completed) {
            title.moveAnchor(event);
        } else {
            title.accumulate(event);
        }
        title.markApplied(event, ++seq);
        if (movesBookmark(event.type())) {
            title.positionMs = event.positionMs();
        }
        if (decidesCompletion(event.type())) {
            boolean finished =
                    event.type() == PlaybackEventType.COMPLETE
                            || Completion.reached(
                                    title.positionMs, title.runtimeMs, known, settings);
            if (finished && !title.completed) {
                title.markCompleted();
                handOff(known, event, catalog);
            } else if (!finished && title.completed) {
                title.completed = false;
            }
        }
        if (!title.completed && !title.entered && title.watchedMs >= settings.minWatchMs()) {
            title.entered = true;
        }
        return true;
    }

    /** Puts the next episode of a completed one into the row at position 0 (or its bookmark). */
    private void handOff(CatalogTitle finished, PlaybackEvent event, CatalogLookup catalog) {
        CatalogTitle next = catalog.nextEpisode(finished);
        if (next == null) {
            return;
        }
        TitleProgress title = find(next.titleId);
        boolean keepBookmark = title != null && !title.completed;
        if (title == null) {
            title = TitleProgress.of(next.titleId);
            titles.add(title);
        }
        title.showId = next.showId();
        title.runtimeMs = next.runtimeMs;
        if (!keepBookmark) {
            title.positionMs = 0;
            title.watchedMs = 0;
        }
        title.completed = false;
        title.entered = true;
        title.anchorPlaybackId = null;
        if (title.isNewer(event)) {
            title.markApplied(event, ++seq);
        } else {
            title.seq = ++seq;
        }
    }

    /** Drops titles not watched since {@code now - maxAge}; returns whether any was dropped. */
    public boolean expire(long now, ContinueWatchingSettings settings) {
        return titles.removeIf(t -> t.lastWatchedAt + settings.maxAgeMs() <= now);
    }

    /** When the least recently watched title expires; {@link Long#MAX_VALUE} when empty. */
    public long nextExpiryAt(ContinueWatchingSettings settings) {
        long oldest = Long.MAX_VALUE;
        for (TitleProgress title : titles) {
            oldest = Math.min(oldest, title.lastWatchedAt);
        }
        return oldest == Long.MAX_VALUE ? oldest : oldest + settings.maxAgeMs();
    }

    /** Last-watched time of the most recently watched title; {@link Long#MIN_VALUE} when empty. */
    public long newestWatchedAt() {
        long newest = Long.MIN_VALUE;
        for (TitleProgress title : titles) {
            newest = Math.max(newest, title.lastWatchedAt);
        }
        return newest;
    }

    public boolean isEmpty() {
        return titles.isEmpty();
    }

    /** The served row: newest first, one entry per show, unfinished titles only, capped. */
    public List<ContinueWatchingEntry> entries(ContinueWatchingSettings settings) {
        return RowView.entries(titles, settings);
    }

    private TitleProgress find(String titleId) {
        for (TitleProgress title : titles) {
            if (title.titleId.equals(titleId)) {
                return title;
            }
        }
        return null;
    }

    static boolean movesBookmark(PlaybackEventType type) {
        return switch (type) {
            case HEARTBEAT, PAUSE, SEEK, STOP -> true;
            case START, RESUME, COMPLETE -> false;
        };
    }

    static boolean decidesCompletion(PlaybackEventType type) {
        return movesBookmark(type) || type == PlaybackEventType.COMPLETE;
    }
}
