package io.reelstream.udfs.covisit;

import java.util.Arrays;

/**
 * One member's co-visitation window: their last {@code capacity} distinct positive titles (arrival
 * order) with the date of each, and the count and pair changes a new interaction causes. It exists
 * apart from the per-title counts ({@link TitleNeighbours}) so the replay ({@link CovisitLearner})
 * and the streaming job (member side keyed by member, title side keyed by show) run the same rules.
 *
 * <p>A title new to the window: n(t) +1 at the event time and a pair with every title s already in
 * it, dated at the earlier of the two titles' dates; when full, the oldest title leaves. A repeat
 * forms no pairs: it moves the title to the newest position and, if later than the title's date,
 * moves the date and the member's 1 in n(t) (−1 at the old date, +1 at the new). Non-positive
 * weights are ignored. Not thread-safe.
 *
 * @param <T> title identifier (a dense row in the replay, a show id in the job), compared by equals
 */
public final class CovisitWindow<T> {

    /** Receives what an interaction changes on the title side. */
    public interface Changes<T> {

        /** n(title) changes by {@code weight} (+1, or −1 for a moved date) at {@code eventTime}. */
        void countChanged(T title, double weight, long eventTime);

        /** c(title, other) and c(other, title) each grow by 1 at {@code pairTime}. */
        void paired(T title, T other, long pairTime);
    }

    private final Object[] titles;
    private final long[] times;
    private int size;

    public CovisitWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("window must be at least 1: " + capacity);
        }
        this.titles = new Object[capacity];
        this.times = new long[capacity];
    }

    /**
     * A window of {@code capacity} holding {@code titles} dated {@code times} (oldest first, as
     * {@link #title} / {@link #time} list them); if there are more than {@code capacity}, the
     * newest stay. Null titles are skipped.
     */
    public static <T> CovisitWindow<T> restore(int capacity, T[] titles, long[] times) {
        CovisitWindow<T> window = new CovisitWindow<>(capacity);
        int n = Math.min(titles.length, times.length);
        for (int i = Math.max(0, n - capacity); i < n; i++) {
            if (titles[i] != null) {
                window.titles[window.size] = titles[i];
                window.times[window.size++] = times[i];
            }
        }
        return window;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return titles.length;
    }

    /** The title at {@code index}, 0 = oldest, {@code size() - 1} = newest. */
    @SuppressWarnings("unchecked")
    public T title(int index) {
        return (T) titles[index];
    }

    /** The date of {@link #title(int)}: the member's latest interaction with it, epoch ms. */
    public long time(int index) {
        return times[index];
    }

    /** Whether {@code title} is in the window. */
    public boolean contains(T title) {
        return indexOf(title) >= 0;
    }

    /** The date of {@code title} in the window, {@code Long.MIN_VALUE} if it is not in it. */
    public long dateOf(T title) {
        int index = indexOf(title);
        return index < 0 ? Long.MIN_VALUE : times[index];
    }

    /**
     * Learns one interaction, reporting its effects to {@code changes}; returns whether it formed
     * pairs (a positive title new to the window).
     */
    public boolean learn(T title, float weight, long eventTime, Changes<T> changes) {
        if (title == null || !(weight > 0)) {
            return false;
        }
        int present = indexOf(title);
        if (present >= 0) {
            long dated = times[present];
            if (eventTime > dated) {
                changes.countChanged(title, -1.0, dated); // the member's 1 in n(t) moves
                changes.countChanged(title, 1.0, eventTime);
                dated = eventTime;
            }
            removeAt(present);
            append(title, dated);
            return false;
        }
        changes.countChanged(title, 1.0, eventTime);
        for (int i = 0; i < size; i++) {
            changes.paired(title, title(i), Math.min(eventTime, times[i]));
        }
        if (size == titles.length) {
            removeAt(0);
        }
        append(title, eventTime);
        return true;
    }

    private int indexOf(T title) {
        for (int i = 0; i < size; i++) {
            if (titles[i].equals(title)) {
                return i;
            }
        }
        return -1;
    }

    private void removeAt(int index) {
        System.arraycopy(titles, index + 1, titles, index, size - index - 1);
        System.arraycopy(times, index + 1, times, index, size - index - 1);
        titles[--size] = null;
    }

    private void append(T title, long time) {
        titles[size] = title;
        times[size++] = time;
    }

    @Override
    public String toString() {
        return "CovisitWindow" + Arrays.toString(Arrays.copyOf(titles, size));
    }
}
