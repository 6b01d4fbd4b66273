package io.reelstream.udfs.mf;

import java.util.SplittableRandom;

/**
 * Draws negative items for pairwise steps: a share popularity-proportionally (from a ring buffer of
 * recently interacted rows, so popular titles are pushed below what a member actually chose) and
 * the rest uniformly over all rows. Allocation-free after construction.
 */
public final class NegativeSampler {

    private static final int MAX_TRIES = 8;

    private final int[] recent;
    private final float popularShare;
    private final SplittableRandom random;
    private int recentCount;
    private int recentNext;

    public NegativeSampler(int recentCapacity, float popularShare, long seed) {
        this.recent = new int[Math.max(1, recentCapacity)];
        this.popularShare = popularShare;
        this.random = new SplittableRandom(seed);
    }

    /** Remembers that {@code row} was just interacted with (feeds popularity sampling). */
    public void observe(int row) {
        recent[recentNext] = row;
        recentNext = (recentNext + 1) % recent.length;
        recentCount = Math.min(recentCount + 1, recent.length);
    }

    /** A row in {@code [0, rowCount)} other than {@code positive}, or -1 if there is none. */
    public int sample(int rowCount, int positive) {
        if (rowCount < 2) {
            return -1;
        }
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            int row = draw(rowCount);
            if (row != positive) {
                return row;
            }
        }
        return positive == 0 ? 1 : 0;
    }

    /** A uniformly drawn index in {@code [0, bound)}. */
    public int pick(int bound) {
        return random.nextInt(bound);
    }

    private int draw(int rowCount) {
        if (recentCount > 0 && random.nextFloat() < popularShare) {
            int row = recent[random.nextInt(recentCount)];
            if (row < rowCount) {
                return row;
            }
        }
        return random.nextInt(rowCount);
    }
}
