package io.reelstream.udfs.recs;

import io.reelstream.udfs.ranker.MemberActivity;

/**
 * Keyed state of one member's {@link MemberActivity} on the user side (beside {@link
 * UserModelState}): what the ranker's member features and the continue-watching source read.
 *
 * @param v version of this state layout ({@link #CURRENT_VERSION})
 * @param plays kept play times, in ring order (at most {@link MemberActivity#JOB_PLAYS})
 * @param playCount positive plays learned in total
 * @param lastWeight weight of the newest interaction (NaN before any)
 * @param lastAt event time of the newest interaction, epoch ms
 * @param shows shows in progress, most recently watched first
 * @param progress per show, fraction of its latest title reached (NaN if unknown)
 * @param watchedAt per show, when it was last watched, epoch ms
 * @param closedShows shows whose newest play ended them (a completed movie, an abandonment)
 * @param closedAt per closed show, the time of that play, epoch ms
 */
public record MemberActivityState(
        int v,
        long[] plays,
        int playCount,
        float lastWeight,
        long lastAt,
        String[] shows,
        float[] progress,
        long[] watchedAt,
        String[] closedShows,
        long[] closedAt) {

    public static final int CURRENT_VERSION = 1;

    /** The state of {@code activity}. */
    public static MemberActivityState of(MemberActivity<String> activity) {
        int n = activity.inProgressCount();
        String[] shows = new String[n];
        float[] progress = new float[n];
        long[] watchedAt = new long[n];
        for (int i = 0; i < n; i++) {
            shows[i] = activity.inProgressShow(i);
            progress[i] = activity.progress(i);
            watchedAt[i] = activity.watchedAt(i);
        }
        String[] closedShows = new String[activity.closedCount()];
        long[] closedAt = new long[closedShows.length];
        for (int i = 0; i < closedShows.length; i++) {
            closedShows[i] = activity.closedShow(i);
            closedAt[i] = activity.closedAt(i);
        }
        return new MemberActivityState(
                CURRENT_VERSION,
                activity.keptPlays(),
                activity.playCount(),
                activity.lastWeight(),
                activity.lastAt(),
                shows,
                progress,
                watchedAt,
                closedShows,
                closedAt);
    }

    /** The activity held in {@code state} (null: none yet). */
    public static MemberActivity<String> toActivity(MemberActivityState state) {
        if (state == null) {
            return new MemberActivity<>(MemberActivity.JOB_PLAYS, MemberActivity.JOB_IN_PROGRESS);
        }
        return MemberActivity.restore(
                MemberActivity.JOB_PLAYS,
                MemberActivity.JOB_IN_PROGRESS,
                state.plays(),
                state.playCount(),
                state.lastWeight(),
                state.lastAt(),
                state.shows(),
                state.progress(),
                state.watchedAt(),
                state.closedShows(),
                state.closedAt());
    }
}
