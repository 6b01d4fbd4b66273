package io.reelstream.udfs.recs;

/**
 * Implicit feedback from one playback, before the title is rolled up to its show.
 *
 * @param v version of this record's layout ({@link #CURRENT_VERSION})
 * @param userId member
 * @param titleId the played title (movie or episode)
 * @param weight engagement weight: positive, or negative for early abandonment
 * @param eventTime when the playback ended (or was last seen), epoch ms
 * @param progress since version 2: fraction of the title reached, 1 when completed (NaN: unknown
 *     runtime, or layout 1)
 */
public record TitleInteraction(
        int v, String userId, String titleId, float weight, long eventTime, float progress) {

    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = 2;

    /** An interaction without progress (layout 1). */
    public TitleInteraction(int v, String userId, String titleId, float weight, long eventTime) {
        this(v, userId, titleId, weight, eventTime, Float.NaN);
    }
}
