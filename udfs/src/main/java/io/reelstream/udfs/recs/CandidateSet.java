package io.reelstream.udfs.recs;

/**
 * A member's candidates for one recommendation decision, with the features the ranker scores: what
 * the member side hands to the ranking operator.
 *
 * @param v version of this layout ({@link #CURRENT_VERSION})
 * @param memberId the member
 * @param decidedAt event time of the decision (the newest interaction learned), epoch ms
 * @param generatedAt wall-clock time of the decision, epoch ms
 * @param showIds the candidates
 * @param sources per candidate, {@link io.reelstream.udfs.ranker.CandidateSource#bit()}s
 * @param newTitles per candidate, whether it is a new title (few interactions yet): the list's
 *     exploration slots go to the best of these
 * @param features per candidate, a {@link io.reelstream.udfs.ranker.RankerFeatures} vector,
 *     row-major
 */
public record CandidateSet(
        int v,
        String memberId,
        long decidedAt,
        long generatedAt,
        String[] showIds,
        int[] sources,
        boolean[] newTitles,
        float[] features) {

    public static final int CURRENT_VERSION = 1;

    public int size() {
        return showIds.length;
    }
}
