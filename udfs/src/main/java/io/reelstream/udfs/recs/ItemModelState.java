package io.reelstream.udfs.recs;

/**
 * Keyed state of one show on the item side.
 *
 * @param v version of this state layout ({@link #CURRENT_VERSION})
 * @param factors item factors (length k)
 * @param bias item bias
 * @param popularity time-decayed positive interactions as of {@code popularityAsOf}
 * @param popularityAsOf epoch ms
 * @param interactions all-time positive interactions
 * @param lastPublishedAt processing time of the last publication (0 = never)
 * @param pendingTimer processing time of the pending publication timer (0 = none)
 */
public record ItemModelState(
        int v,
        float[] factors,
        float bias,
        double popularity,
        long popularityAsOf,
        long interactions,
        long lastPublishedAt,
        long pendingTimer) {

    public static final int CURRENT_VERSION = 1;
}
