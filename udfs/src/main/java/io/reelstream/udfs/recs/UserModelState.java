package io.reelstream.udfs.recs;

/**
 * Keyed state of one member on the user side.
 *
 * @param v version of this state layout ({@link #CURRENT_VERSION}); v1 had no {@code lastEventAt}
 *     (restored as 0)
 * @param factors user factors (length k)
 * @param history shows the member interacted with, oldest first, bounded (excluded from recs)
 * @param positives number of positive interactions learned
 * @param lastRecsAt processing time of the last recommendation, epoch ms (0 = never)
 * @param pendingTimer processing time of the pending debounce timer (0 = none)
 * @param lastEventAt newest event time learned, epoch ms (0 = unknown: state of v1): a decision
 *     knows everything of the member up to this instant, so its labels start after it
 */
public record UserModelState(
        int v,
        float[] factors,
        String[] history,
        int positives,
        long lastRecsAt,
        long pendingTimer,
        long lastEventAt) {

    public static final int CURRENT_VERSION = 2;

    /** The same member with a new recommendation time and pending timer. */
    public UserModelState withRecommendationAt(long recsAt, long timer) {
        return new UserModelState(
                CURRENT_VERSION, factors, history, positives, recsAt, timer, lastEventAt);
    }
}
