package io.reelstream.serving;

import java.time.Instant;
import java.util.List;

/** A user's continue-watching row, in display order. */
public record ContinueWatching(
        String userId, List<ContinueWatchingEntry> entries, Instant updatedAt) {}
