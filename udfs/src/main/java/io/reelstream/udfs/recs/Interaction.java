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
 */
public record Interaction(int v, String userId, String showId, float weight, long eventTime) {

    public static final int CURRENT_VERSION = 1;
}
