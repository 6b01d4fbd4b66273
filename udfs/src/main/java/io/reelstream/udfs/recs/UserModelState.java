package io.reelstream.udfs.recs;

/**
 * Keyed state of one member on the user side.
 *
 * @param v version of this state layout ({@link #CURRENT_VERSION})
 * @param factors user factors (length k)
 * @param history shows the member interacted with, oldest first, bounded (excluded from recs)
 * @param positives number of positive interactions learned
 * @param lastRecsAt processing time of the last recommendation, epoch ms (0 = never)
 * @param pendingTimer processing time of the pending debounce timer (0 = none)
 */
public record UserModelState(
        int v,
        float[] factors,
        String[] history,
        int positives,
        long lastRecsAt,
        long pendingTimer) {

    public static final int CURRENT_VERSION = 1;
}
