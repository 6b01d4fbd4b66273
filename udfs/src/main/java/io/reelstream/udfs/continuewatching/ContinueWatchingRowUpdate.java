package io.reelstream.udfs.continuewatching;

import java.util.List;

/**
 * A member's whole continue-watching row, written as one Cassandra cell that replaces the previous
 * one (contract version {@link #CURRENT_VERSION}); an empty list is a row with nothing to resume.
 *
 * @param v row format version, stored with the row
 * @param userId member account id, the partition key
 * @param entries the row, newest first
 * @param asOf event time the row describes, epoch ms
 * @param writeTimestampMicros strictly increasing per user, the {@code USING TIMESTAMP} value
 * @param ttlSeconds seconds until the newest viewing is older than the maximum age
 */
public record ContinueWatchingRowUpdate(
        int v,
        String userId,
        List<ContinueWatchingEntry> entries,
        long asOf,
        long writeTimestampMicros,
        int ttlSeconds) {

    public static final int CURRENT_VERSION = 1;
}
