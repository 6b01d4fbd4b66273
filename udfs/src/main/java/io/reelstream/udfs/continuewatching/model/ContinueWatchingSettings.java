package io.reelstream.udfs.continuewatching.model;

import java.io.Serializable;
import java.time.Duration;

/**
 * The product rules of the continue-watching row, Flink-free so that the model, the operator and
 * the reference all read the same numbers.
 *
 * @param completionThreshold progress (0..1] at or past which a title counts as finished
 * @param minWatchMs accumulated watch time a title needs before it enters the row
 * @param maxEntries cap on the number of entries in the row
 * @param maxAgeMs entries not watched for this long leave the row (state and Cassandra TTL)
 * @param flushIntervalMs bookmark-only changes are written at most once per this interval
 */
public record ContinueWatchingSettings(
        double completionThreshold,
        long minWatchMs,
        int maxEntries,
        long maxAgeMs,
        long flushIntervalMs)
        implements Serializable {

    public static final ContinueWatchingSettings DEFAULTS =
            new ContinueWatchingSettings(
                    0.95,
                    Duration.ofMinutes(2).toMillis(),
                    20,
                    Duration.ofDays(90).toMillis(),
                    Duration.ofSeconds(10).toMillis());

    public ContinueWatchingSettings {
        if (!(completionThreshold > 0 && completionThreshold <= 1)) {
            throw new IllegalArgumentException(
                    "completionThreshold must be in (0, 1]: " + completionThreshold);
        }
        if (minWatchMs < 0) {
            throw new IllegalArgumentException("minWatchMs must be >= 0: " + minWatchMs);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1: " + maxEntries);
        }
        if (maxAgeMs < 1000) {
            throw new IllegalArgumentException("maxAgeMs must be >= 1 s: " + maxAgeMs);
        }
        if (flushIntervalMs < 0) {
            throw new IllegalArgumentException("flushIntervalMs must be >= 0: " + flushIntervalMs);
        }
    }
}
