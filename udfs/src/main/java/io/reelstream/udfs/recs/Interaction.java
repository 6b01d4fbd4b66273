package io.reelstream.udfs.recs;

/**
 * Implicit feedback of a member on a show (episodes rolled up to their series): the learning signal
 * of the recommendation model.
 *
 * @param v version of this record's layout ({@link #CURRENT_VERSION})
 * @param userId member
 * @param showId series id for episodes, the title itself for movies
 * @param weight engagement weight: positive, or negative for early abandonment
 * @param eventTime epoch ms
 * @param progress since version 2: fraction of the played title reached, 1 when completed (NaN:
 *     unknown runtime, or layout 1)
 * @param episode since version 2: whether the played title was an episode of the show (a series)
 */
public record Interaction(
        int v,
        String userId,
        String showId,
        float weight,
        long eventTime,
        float progress,
        boolean episode) {

    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = 2;

    /** An interaction without progress (layout 1): a movie of unknown progress. */
    public Interaction(int v, String userId, String showId, float weight, long eventTime) {
        this(v, userId, showId, weight, eventTime, Float.NaN, false);
    }
}
