package io.reelstream.udfs.continuewatching;

import java.util.List;

/**
 * Per-user bookkeeping of what was last written: when (for coalescing), with which timestamp (so
 * every write of a user is newer than the previous one), and a fingerprint of the row and of its
 * membership (so unchanged rows are not rewritten and a row that gains or loses a title is written
 * at once). A versioned Flink POJO.
 *
 * <p>v2 adds {@link #writerIncarnation}: which run of the operator made the last write. After a
 * restore, writes an earlier run made after the checkpoint may be in Cassandra although this state
 * does not know them, so in a restored run the first settle of every key writes even an unchanged
 * row (with a newer timestamp). A v1 state restores with 0, which no run has.
 */
public class RowWriteClock {

    public static final int CURRENT_VERSION = 2;
    public static final long NEVER = Long.MIN_VALUE;

    public int v = CURRENT_VERSION;
    public long lastWriteAt = NEVER;
    public long lastWriteMicros;
    public long rowHash = fingerprint(List.of());
    public long membershipHash = membership(List.of());

    /** When the last written Cassandra cell expires by TTL, or {@link #NEVER}. */
    public long rowExpiresAt = NEVER;

    /** Pending coalesced-flush timer, or {@link #NEVER}. */
    public long flushTimerAt = NEVER;

    /** Pending expiry timer, or {@link #NEVER}. */
    public long expiryTimerAt = NEVER;

    /** The run (operator instance since its last start or restore) of the last write; 0: none. */
    public long writerIncarnation;

    public RowWriteClock() {}

    /** A fingerprint of the row's content, stable across JVMs (no identity hash codes). */
    static long fingerprint(List<ContinueWatchingEntry> entries) {
        long hash = 17;
        for (ContinueWatchingEntry entry : entries) {
            hash = mix(hash, entry.titleId().hashCode());
            hash = mix(hash, entry.positionMs());
            hash = mix(hash, entry.runtimeMs());
            hash = mix(hash, entry.lastWatchedAt());
            hash = mix(hash, entry.device() == null ? 0 : entry.device().name().hashCode());
        }
        return hash;
    }

    /** A fingerprint of which titles are in the row, in order. */
    static long membership(List<ContinueWatchingEntry> entries) {
        long hash = 19;
        for (ContinueWatchingEntry entry : entries) {
            hash = mix(hash, entry.titleId().hashCode());
        }
        return hash;
    }

    private static long mix(long hash, long value) {
        return hash * 1_000_003L + value;
    }

    /** A write timestamp newer than every earlier one of this user and not before {@code asOf}. */
    long nextWriteMicros(long asOf) {
        lastWriteMicros = Math.max(lastWriteMicros + 1, Math.multiplyExact(asOf, 1000L));
        return lastWriteMicros;
    }
}
