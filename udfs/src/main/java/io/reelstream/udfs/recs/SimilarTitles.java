package io.reelstream.udfs.recs;

/**
 * One show's "watched together" row for Cassandra {@code similar_titles}: its top-K co-visitation
 * neighbours, written by the item side when the list changed visibly.
 *
 * @param v version of this row's layout ({@link #CURRENT_VERSION})
 * @param showId the show
 * @param neighbours neighbour show ids, most similar first
 * @param similarities cosine similarity of each neighbour, in (0, 1]
 * @param covisitCount the show's co-visitation count n as of the newest event counted
 * @param modelVersion model generation
 * @param updatedAt wall-clock time of the publication, epoch ms (write timestamp)
 */
public record SimilarTitles(
        int v,
        String showId,
        String[] neighbours,
        float[] similarities,
        double covisitCount,
        long modelVersion,
        long updatedAt) {

    public static final int CURRENT_VERSION = 1;
}
