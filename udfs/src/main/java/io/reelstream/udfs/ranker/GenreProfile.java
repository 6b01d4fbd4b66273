package io.reelstream.udfs.ranker;

import java.util.Arrays;

/**
 * A member's genre mix over their last {@link #WINDOW} titles, for the ranker's genre affinity: the
 * share of that recent watching that falls in a candidate's genres. It is what a new title, which
 * no learner has seen yet, has in common with the member. Genres are dense ints chosen by the
 * caller; a title without genres adds nothing.
 */
public final class GenreProfile {

    /** Titles of recent watching the mix covers. */
    public static final int WINDOW = 20;

    private final int[][] recent = new int[WINDOW][];
    private int next;
    private float[] counts = new float[8];
    private float total;

    /** Adds a title the member started; the oldest of the window leaves. */
    public void add(int[] genres) {
        int[] leaving = recent[next];
        if (leaving != null) {
            for (int g : leaving) {
                counts[g] -= 1f / leaving.length;
            }
            total -= leaving.length == 0 ? 0 : 1;
        }
        recent[next] = genres;
        next = (next + 1) % WINDOW;
        if (genres.length == 0) {
            return;
        }
        for (int g : genres) {
            if (g >= counts.length) {
                counts = Arrays.copyOf(counts, Math.max(g + 1, counts.length * 2));
            }
            counts[g] += 1f / genres.length;
        }
        total += 1;
    }

    /**
     * Share of the recent watching in {@code genres} (each title split over its genres); NaN if
     * unknown.
     */
    public float affinity(int[] genres) {
        if (total <= 0 || genres == null || genres.length == 0) {
            return Float.NaN;
        }
        float sum = 0;
        for (int g : genres) {
            sum += g < counts.length ? Math.max(0f, counts[g]) : 0f;
        }
        return Math.min(1f, sum / total);
    }
}
