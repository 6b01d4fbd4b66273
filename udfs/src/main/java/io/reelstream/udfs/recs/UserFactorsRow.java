package io.reelstream.udfs.recs;

/**
 * A member's factors as written to Cassandra {@code user_factors}.
 *
 * @param v version of this record's layout ({@link #CURRENT_VERSION})
 * @param userId member
 * @param factors user factors (length k)
 * @param modelVersion model generation
 * @param updatedAt wall-clock time of the write, epoch ms
 */
public record UserFactorsRow(
        int v, String userId, float[] factors, long modelVersion, long updatedAt) {

    public static final int CURRENT_VERSION = 1;
}
