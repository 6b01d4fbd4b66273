package io.reelstream.udfs.recs;

/**
 * Keyed state of one show's co-visitation on the item side (beside {@link ItemModelState}): the
 * show's item count, its bounded neighbour candidates with their pair counts and the newest n(s)
 * heard for each, and the list last written to Cassandra {@code similar_titles}.
 *
 * @param v version of this state layout ({@link #CURRENT_VERSION})
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
        float[] writtenSimilarities) {

    public static final int CURRENT_VERSION = 1;
}
