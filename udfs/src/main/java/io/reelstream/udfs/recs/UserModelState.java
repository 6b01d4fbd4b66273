package io.reelstream.udfs.recs;

/**
 * Keyed state of one member on the user side.
 *
 * @param v version of this state layout ({@link #CURRENT_VERSION}); v1 had no {@code lastEventAt}
 *     (restored as 0), v1 and v2 no {@code lastNewShow} (restored as null)
 * @param factors user factors (length k)
 * @param history shows the member interacted with, oldest first, bounded (excluded from recs)
 * @param positives number of positive interactions learned
 * @param lastRecsAt processing time of the last recommendation, epoch ms (0 = never)
 * @param pendingTimer processing time of the pending debounce timer (0 = none)
 * @param lastEventAt newest event time learned, epoch ms (0 = unknown: state of v1): a decision
 *     knows everything of the member up to this instant, so its labels start after it
 * @param lastNewShow the member's newest show whose first interaction was positive (null: none yet,
 *     or state of v1/v2): what they start next is counted as its successor
 */
public record UserModelState(
        int v,
        float[] factors,
        String[] history,
        int positives,
        long lastRecsAt,
        long pendingTimer,
        long lastEventAt,
        String lastNewShow) {

    public static final int CURRENT_VERSION = 3;

    /** The same member with a new recommendation time and pending timer. */
    public UserModelState withRecommendationAt(long recsAt, long timer) {
        return new UserModelState(
                CURRENT_VERSION,
                factors,
                history,
                positives,
                recsAt,
                timer,
                lastEventAt,
                lastNewShow);
    }

    /** Whether the member interacted with {@code showId} before (within the bounded history). */
    public boolean hasSeen(String showId) {
        for (String show : history) {
            if (show.equals(showId)) {
                return true;
            }
        }
        return false;
    }
}
