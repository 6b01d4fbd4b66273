package io.reelstream.udfs.recs;

/**
 * What a member's co-visitation window and sequence change on one show's title side, sent keyed by
 * show (the window lives on the member side, the counts on the title side). Pairs carry the
 * neighbour's item count n(s) as the sender knew it, so the title side can compute cosine
 * similarities.
 *
 * @param v version of this record's layout ({@link #CURRENT_VERSION}; 1 had no {@code nextShow})
 * @param showId the title t this message is for
 * @param countAddedAt n(t) grows by 1 at this event time ({@link #NONE}: no change)
 * @param countRemovedAt n(t) shrinks by 1 at this event time, the old date of a title a member
 *     watched again later ({@link #NONE}: no change)
 * @param neighbours titles s that formed a pair with t: c(t, s) grows by 1 at {@code pairTimes}
 * @param pairTimes date of each pair, epoch ms
 * @param neighbourCounts n(s) as the sender knew it (replica, or the member's own 1)
 * @param neighbourCountsAsOf event time of each n(s)
 * @param neighbourCountsPublishedAt replica publication time of each n(s) ({@link #NONE} for the
 *     member's own 1): the title side keeps the newest it has heard
 * @param nextShow since version 2: the member's next new positive show after t (null: none), so c(t
 *     → nextShow) grows by 1 at {@code nextAt}
 * @param nextAt event time of that show's first positive interaction ({@link #NONE} without one)
 */
public record CovisitMessage(
        int v,
        String showId,
        long countAddedAt,
        long countRemovedAt,
        String[] neighbours,
        long[] pairTimes,
        double[] neighbourCounts,
        long[] neighbourCountsAsOf,
        long[] neighbourCountsPublishedAt,
        String nextShow,
        long nextAt) {

    public static final int CURRENT_VERSION = 2;

    /** No count change / no publication time. */
    public static final long NONE = Long.MIN_VALUE;

    /**
     * A member's next new positive show after {@code showId} was {@code nextShow} at {@code at}.
     */
    public static CovisitMessage successor(String showId, String nextShow, long at) {
        return new CovisitMessage(
                CURRENT_VERSION,
                showId,
                NONE,
                NONE,
                new String[0],
                new long[0],
                new double[0],
                new long[0],
                new long[0],
                nextShow,
                at);
    }

    /** Whether the message carries a successor of {@link #showId} (another show, dated). */
    public boolean hasSuccessor() {
        return nextShow != null && nextAt != NONE && !nextShow.equals(showId);
    }

    /** Pairs in the message, 0 if its arrays are missing or of different lengths (bad input). */
    public int pairs() {
        if (neighbours == null
                || pairTimes == null
                || neighbourCounts == null
                || neighbourCountsAsOf == null
                || neighbourCountsPublishedAt == null) {
            return 0;
        }
        int n = neighbours.length;
        boolean consistent =
                pairTimes.length == n
                        && neighbourCounts.length == n
                        && neighbourCountsAsOf.length == n
                        && neighbourCountsPublishedAt.length == n;
        return consistent ? n : 0;
    }
}
