package io.reelstream.udfs.traininglog;

/**
 * One recommendation decision as it was served: the candidates, the sources that proposed each,
 * where it was placed, and the exact feature values the ranker saw. It is what the training log
 * labels later, so its features are frozen at the decision.
 *
 * @param v version of this layout ({@link #CURRENT_VERSION})
 * @param decisionId unique id (member and decision time)
 * @param memberId the member
 * @param decidedAt event time of the decision: the newest interaction of the member the model had
 *     learned, epoch ms; labels come only from interactions after it
 * @param modelVersion the ranker version that ordered the list, or {@code blend}
 * @param featureSetVersion {@link io.reelstream.udfs.ranker.RankerFeatures#VERSION}
 * @param showIds candidates
 * @param sources per candidate, {@link io.reelstream.udfs.ranker.CandidateSource#bit()}s
 * @param positions per candidate, its 1-based position in the served list, 0 if not served
 * @param features per candidate, the feature vector, row-major
 */
public record RankingDecision(
        int v,
        String decisionId,
        String memberId,
        long decidedAt,
        String modelVersion,
        int featureSetVersion,
        String[] showIds,
        int[] sources,
        int[] positions,
        float[] features) {

    public static final int CURRENT_VERSION = 1;

    /** Features per candidate. */
    public int width() {
        return showIds.length == 0 ? 0 : features.length / showIds.length;
    }
}
