package io.reelstream.serving;

import java.time.Instant;

/** One title in a user's continue-watching row (the {@code cw_entry} type). */
public record ContinueWatchingEntry(
        String titleId,
        String seriesId,
        long positionMs,
        long runtimeMs,
        float progress,
        Instant lastWatched,
        String device) {}
