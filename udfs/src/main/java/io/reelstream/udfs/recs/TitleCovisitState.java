package io.reelstream.udfs.recs;

/**
 * Keyed state of one show's co-visitation on the item side (beside {@link ItemModelState}): the
 * show's item count, its bounded neighbour candidates with their pair counts and the newest n(s)
 * heard for each, and the list last written to Cassandra {@code similar_titles}.
 *
 * @param v version of this state layout ({@link #CURRENT_VERSION}; 1 had no successors, restored
 *     with none)
 * @param count n(t), time-decayed, as of {@code countAsOf}
 * @param countAsOf newest event time counted in n(t), epoch ms
 * @param neighbours candidate neighbours s
 * @param pairCounts c(t, s) as of {@code pairAsOf}
 * @param pairAsOf newest event time counted in each c(t, s)
 * @param neighbourCounts newest n(s) heard, as of {@code neighbourCountsAsOf}
 * @param neighbourCountsAsOf event time of each n(s)
 * @param neighbourCountsPublishedAt replica publication time of each n(s) ({@link
 *     CovisitMessage#NONE}: the member's own 1, replaced by any replica value)
 * @param written neighbours last written to {@code similar_titles}, most similar first
 * @param writtenSimilarities their similarities
 * @param successorsTotal since version 2: n(t →), how often members went on from t to a next new
 *     show, time-decayed, as of {@code successorsTotalAsOf}
 * @param successorsTotalAsOf newest event time counted in it ({@code Long.MIN_VALUE}: none)
 * @param successors the bounded successors s (null in state of version 1)
 * @param successorCounts c(t → s) as of {@code successorAsOf}
 * @param successorAsOf newest event time counted in each c(t → s)
 */
public record TitleCovisitState(
        int v,
        double count,
        long countAsOf,
        String[] neighbours,
        double[] pairCounts,
        long[] pairAsOf,
        double[] neighbourCounts,
        long[] neighbourCountsAsOf,
        long[] neighbourCountsPublishedAt,
        String[] written,
        float[] writtenSimilarities,
        double successorsTotal,
        long successorsTotalAsOf,
        String[] successors,
        double[] successorCounts,
        long[] successorAsOf) {

    public static final int CURRENT_VERSION = 2;

    /** Successors held, 0 if the arrays are missing (state of version 1) or inconsistent. */
    public int successorCount() {
        if (successors == null || successorCounts == null || successorAsOf == null) {
            return 0;
        }
        int n = successors.length;
        return successorCounts.length == n && successorAsOf.length == n ? n : 0;
    }
}
