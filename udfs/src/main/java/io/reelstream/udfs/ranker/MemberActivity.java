package io.reelstream.udfs.ranker;

import java.util.Arrays;

/**
 * What the ranker knows of a member's own recent activity, one definition for the replay and the
 * job: recent play times (the member's plays in the last hour and day), the weight of the latest
 * interaction, and the shows the member has in progress (the continue-watching source, with each
 * show's progress and when it was last watched).
 *
 * <p>A show is in progress after a positive play of it, unless that play completed a movie; an
 * early abandonment (negative weight) takes it out. A series stays in progress after a completed
 * episode: its next episode is what the member continues with. Only the newest play of a show
 * decides, so an older play that arrives late changes nothing: the shows whose newest play ended
 * them are remembered too. At most {@code inProgressCapacity} shows of each kind are kept, the most
 * recent. Play times are kept in a ring of {@code playCapacity}: a count over a window saturates
 * there.
 *
 * @param <T> show identifier (a row in the replay, a show id in the job)
 */
public final class MemberActivity<T> {

    /** Plays kept by the job's state (a member's plays per day rarely come near it). */
    public static final int JOB_PLAYS = 64;

    /** In-progress shows kept by the job's state. */
    public static final int JOB_IN_PROGRESS = 10;

    private final long[] plays;
    private int playCount;
    private float lastWeight = Float.NaN;
    private long lastAt = Long.MIN_VALUE;
    private final Object[] shows;
    private final float[] progress;
    private final long[] watchedAt;
    private int inProgress;
    private final Object[] closedShows;
    private final long[] closedAt;
    private int closed;

    public MemberActivity(int playCapacity, int inProgressCapacity) {
        if (playCapacity <= 0 || inProgressCapacity < 0) {
            throw new IllegalArgumentException("capacities must be positive");
        }
        this.plays = new long[playCapacity];
        this.shows = new Object[inProgressCapacity];
        this.progress = new float[inProgressCapacity];
        this.watchedAt = new long[inProgressCapacity];
        this.closedShows = new Object[inProgressCapacity];
        this.closedAt = new long[inProgressCapacity];
    }

    /**
     * Learns one interaction.
     *
     * @param show the show played
     * @param weight its engagement weight (negative: abandoned early)
     * @param titleProgress fraction of the played title reached (1 when completed; NaN unknown)
     * @param episode whether the title was an episode of a series
     * @param time event time, epoch ms
     * @param completionFraction progress from which a movie counts as completed
     */
    public void learn(
            T show,
            float weight,
            float titleProgress,
            boolean episode,
            long time,
            double completionFraction) {
        if (weight > 0) {
            plays[playCount++ % plays.length] = time;
        }
        if (time >= lastAt) {
            lastAt = time;
            lastWeight = weight;
        }
        int at = indexOf(show);
        int end = closedIndexOf(show);
        if ((at >= 0 && watchedAt[at] > time) || (end >= 0 && closedAt[end] > time)) {
            return;
        }
        if (at >= 0) {
            remove(at);
        }
        if (end >= 0) {
            removeClosed(end);
        }
        boolean finishedMovie = !episode && titleProgress >= completionFraction;
        if (shows.length == 0) {
            return;
        }
        if (weight > 0 && !finishedMovie) {
            insert(show, titleProgress, time);
        } else {
            close(show, time);
        }
    }

    /** Plays (positive interactions) at or after {@code from}, among the kept ones. */
    public int playsSince(long from) {
        int kept = Math.min(playCount, plays.length);
        int count = 0;
        for (int i = 0; i < kept; i++) {
            if (plays[i] >= from) {
                count++;
            }
        }
        return count;
    }

    /** Weight of the newest interaction, NaN before any. */
    public float lastWeight() {
        return lastWeight;
    }

    /** Shows in progress, most recently watched first. */
    public int inProgressCount() {
        return inProgress;
    }

    @SuppressWarnings("unchecked")
    public T inProgressShow(int i) {
        return (T) shows[i];
    }

    /** Fraction of the show's latest title reached, NaN if its runtime was unknown. */
    public float progress(int i) {
        return progress[i];
    }

    public long watchedAt(int i) {
        return watchedAt[i];
    }

    /** When the member last watched {@code show}, if it is in progress, else Long.MIN_VALUE. */
    public long lastWatched(T show) {
        int at = indexOf(show);
        return at < 0 ? Long.MIN_VALUE : watchedAt[at];
    }

    /** Total positive plays learned (the ring keeps the newest of them). */
    public int playCount() {
        return playCount;
    }

    /** The kept play times, in ring order (for the state snapshot). */
    public long[] keptPlays() {
        return Arrays.copyOf(plays, Math.min(playCount, plays.length));
    }

    public long lastAt() {
        return lastAt;
    }

    /**
     * Restores a snapshot taken with {@link #keptPlays()} and the accessors above, with the
     * capacities it was taken with.
     */
    public static <T> MemberActivity<T> restore(
            int playCapacity,
            int inProgressCapacity,
            long[] keptPlays,
            int playCount,
            float lastWeight,
            long lastAt,
            T[] shows,
            float[] progress,
            long[] watchedAt,
            T[] closedShows,
            long[] closedAt) {
        MemberActivity<T> activity = new MemberActivity<>(playCapacity, inProgressCapacity);
        // Same capacity: every time goes back to its ring slot, so the next play evicts the oldest.
        System.arraycopy(keptPlays, 0, activity.plays, 0, Math.min(keptPlays.length, playCapacity));
        activity.playCount = keptPlays.length <= playCapacity ? playCount : playCapacity;
        activity.lastWeight = lastWeight;
        activity.lastAt = lastAt;
        for (int i = shows.length - 1; i >= 0; i--) {
            activity.insert(shows[i], progress[i], watchedAt[i]);
        }
        for (int i = 0; i < closedShows.length; i++) {
            activity.close(closedShows[i], closedAt[i]);
        }
        return activity;
    }

    /** Shows whose newest play ended them (kept so an older play arriving late cannot reopen). */
    public int closedCount() {
        return closed;
    }

    @SuppressWarnings("unchecked")
    public T closedShow(int i) {
        return (T) closedShows[i];
    }

    public long closedAt(int i) {
        return closedAt[i];
    }

    private int closedIndexOf(T show) {
        return find(closedShows, closed, show);
    }

    private void removeClosed(int at) {
        System.arraycopy(closedShows, at + 1, closedShows, at, closed - at - 1);
        System.arraycopy(closedAt, at + 1, closedAt, at, closed - at - 1);
        closedShows[--closed] = null;
    }

    /** Remembers that {@code show} ended at {@code time}, forgetting the oldest such when full. */
    private void close(Object show, long time) {
        if (closed == closedShows.length) {
            int oldest = 0;
            for (int i = 1; i < closed; i++) {
                if (closedAt[i] < closedAt[oldest]) {
                    oldest = i;
                }
            }
            if (closedAt[oldest] >= time) {
                return;
            }
            closedShows[oldest] = show;
            closedAt[oldest] = time;
            return;
        }
        closedShows[closed] = show;
        closedAt[closed++] = time;
    }

    private int indexOf(T show) {
        return find(shows, inProgress, show);
    }

    /** Index of {@code show} among the first {@code count} of {@code items}, or -1. */
    private static int find(Object[] items, int count, Object show) {
        for (int i = 0; i < count; i++) {
            if (items[i].equals(show)) {
                return i;
            }
        }
        return -1;
    }

    private void remove(int at) {
        System.arraycopy(shows, at + 1, shows, at, inProgress - at - 1);
        System.arraycopy(progress, at + 1, progress, at, inProgress - at - 1);
        System.arraycopy(watchedAt, at + 1, watchedAt, at, inProgress - at - 1);
        shows[--inProgress] = null;
    }

    /** Inserts by watch time, newest first, dropping the oldest when full. */
    private void insert(Object show, float titleProgress, long time) {
        int at = 0;
        while (at < inProgress && watchedAt[at] >= time) {
            at++;
        }
        if (at == shows.length) {
            return;
        }
        int moved = Math.min(inProgress, shows.length - 1) - at;
        System.arraycopy(shows, at, shows, at + 1, moved);
        System.arraycopy(progress, at, progress, at + 1, moved);
        System.arraycopy(watchedAt, at, watchedAt, at + 1, moved);
        shows[at] = show;
        progress[at] = titleProgress;
        watchedAt[at] = time;
        inProgress = Math.min(inProgress + 1, shows.length);
    }
}
