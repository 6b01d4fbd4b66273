package io.reelstream.udfs.traininglog;

/**
 * One row of the training log: one candidate of one decision, with the features served and the
 * label closed after the horizon. Flat, so standard tools read it as a table.
 *
 * @param v version of this layout ({@link #CURRENT_VERSION})
 * @param decisionId the decision (a ranking group)
 * @param memberId the member
 * @param decidedAt event time of the decision, epoch ms
 * @param labelClosedAt end of the label horizon, epoch ms
 * @param modelVersion the ranker that ordered the list, or {@code blend}
 * @param featureSetVersion version of the feature layout
 * @param showId the candidate
 * @param sources {@link io.reelstream.udfs.ranker.CandidateSource#bit()}s of the proposing sources
 * @param position 1-based position served, 0 if not served
 * @param features the feature vector as served
 * @param label 2 completed, 1 started, 0 neither, within the horizon
 */
public record TrainingLogRow(
        int v,
        String decisionId,
        String memberId,
        long decidedAt,
        long labelClosedAt,
        String modelVersion,
        int featureSetVersion,
        String showId,
        int sources,
        int position,
        float[] features,
        float label) {

    public static final int CURRENT_VERSION = 1;
}
