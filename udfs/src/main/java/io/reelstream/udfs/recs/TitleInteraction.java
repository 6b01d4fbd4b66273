package io.reelstream.udfs.recs;

/**
 * Implicit feedback from one playback, before the title is rolled up to its show.
 *
 * @param v version of this record's layout ({@link #CURRENT_VERSION})
 * @param userId member
 * @param titleId the played title (movie or episode)
 * @param weight engagement weight: positive, or negative for early abandonment
 * @param eventTime when the playback ended (or was last seen), epoch ms
 */
public record TitleInteraction(int v, String userId, String titleId, float weight, long eventTime) {

    public static final int CURRENT_VERSION = 1;
}
