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
 * @param dayPopularity since version 2: positive interactions decayed with a one-day half-life, as
 *     of {@code popularityAsOf} (0 in state of version 1: it starts counting at the upgrade)
 */
public record ItemModelState(
        int v,
        float[] factors,
        float bias,
        double popularity,
        long popularityAsOf,
        long interactions,
        long lastPublishedAt,
        long pendingTimer,
        double dayPopularity) {

    public static final int CURRENT_VERSION = 2;

    /** Half-life of {@link #dayPopularity()}: the ranker's {@code popularity_day_share}. */
    public static final long DAY_HALF_LIFE_MS = 24 * 3_600_000L;
}
