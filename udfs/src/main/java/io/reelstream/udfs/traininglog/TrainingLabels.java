package io.reelstream.udfs.traininglog;

/**
 * The label rule of the training log, point-in-time: a candidate's label is the best engagement the
 * member showed with it in the horizon after the decision, {@code decidedAt < t <= decidedAt +
 * horizon}; 2 = completed, 1 = started, 0 = neither (or only abandoned). Nothing at or before the
 * decision counts, and the label is final only once the horizon has passed.
 */
public final class TrainingLabels {

    public static final float COMPLETED = 2f;
    public static final float STARTED = 1f;

    private TrainingLabels() {}

    /** Relevance of one interaction of weight {@code weight}. */
    public static float relevance(float weight, float completionWeight) {
        if (weight >= completionWeight) {
            return COMPLETED;
        }
        return weight > 0 ? STARTED : 0f;
    }

    public static boolean inHorizon(long decidedAt, long horizonMs, long eventTime) {
        return eventTime > decidedAt && eventTime - decidedAt <= horizonMs;
    }

    /** Raises {@code pending}'s label of the play's show if the play is within its horizon. */
    public static boolean apply(
            PendingDecision pending, MemberPlay play, long horizonMs, float completionWeight) {
        RankingDecision decision = pending.decision();
        if (!inHorizon(decision.decidedAt(), horizonMs, play.eventTime())) {
            return false;
        }
        String[] shows = decision.showIds();
        boolean changed = false;
        for (int c = 0; c < shows.length; c++) {
            if (shows[c].equals(play.showId())) {
                float label = relevance(play.weight(), completionWeight);
                if (label > pending.labels()[c]) {
                    pending.labels()[c] = label;
                    changed = true;
                }
            }
        }
        return changed;
    }
}
