package io.reelstream.udfs.features.model;

import io.reelstream.udfs.features.UserTimeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Search-to-play conversion (Flink-free): a search converts when a play starts within {@code
 * windowMs} after it ({@code search < start <= search + windowMs}); each search converts at most
 * once. Works in both arrival orders within the allowed lateness.
 */
public final class SearchConversions {

    private final long windowMs;

    public SearchConversions(long windowMs) {
        this.windowMs = windowMs;
    }

    /**
     * Records a search.
     *
     * @return whether an already seen play start converts it
     */
    public boolean onSearch(UserTimeline timeline, long searchTime) {
        boolean converted = false;
        for (long start : timeline.startTimes) {
            if (converts(searchTime, start)) {
                converted = true;
                break;
            }
        }
        int n = timeline.searchTimes.length;
        timeline.searchTimes = Arrays.copyOf(timeline.searchTimes, n + 1);
        timeline.searchConverted = Arrays.copyOf(timeline.searchConverted, n + 1);
        timeline.searchTimes[n] = searchTime;
        timeline.searchConverted[n] = converted;
        return converted;
    }

    /**
     * Records a play start.
     *
     * @return the times of the searches it converts (not converted before)
     */
    public List<Long> onPlayStart(UserTimeline timeline, long startTime) {
        List<Long> converted = new ArrayList<>();
        for (int i = 0; i < timeline.searchTimes.length; i++) {
            if (!timeline.searchConverted[i] && converts(timeline.searchTimes[i], startTime)) {
                timeline.searchConverted[i] = true;
                converted.add(timeline.searchTimes[i]);
            }
        }
        int n = timeline.startTimes.length;
        timeline.startTimes = Arrays.copyOf(timeline.startTimes, n + 1);
        timeline.startTimes[n] = startTime;
        return converted;
    }

    /** Forgets searches and starts that no on-time event can match any more. */
    public void prune(UserTimeline timeline, long watermark, long allowedLatenessMs) {
        if (watermark == Long.MIN_VALUE) {
            return;
        }
        long onTime = watermark - allowedLatenessMs;
        int kept = 0;
        for (int i = 0; i < timeline.searchTimes.length; i++) {
            if (timeline.searchTimes[i] + windowMs >= onTime) {
                timeline.searchTimes[kept] = timeline.searchTimes[i];
                timeline.searchConverted[kept] = timeline.searchConverted[i];
                kept++;
            }
        }
        timeline.searchTimes = Arrays.copyOf(timeline.searchTimes, kept);
        timeline.searchConverted = Arrays.copyOf(timeline.searchConverted, kept);
        timeline.startTimes =
                Arrays.stream(timeline.startTimes).filter(start -> start > onTime).toArray();
    }

    /** Whether a play start at {@code start} converts a search at {@code search}. */
    public boolean converts(long search, long start) {
        return search < start && start <= search + windowMs;
    }
}
