package io.reelstream.udfs.ranker;

import java.util.Arrays;

/**
 * The candidates of one ranking decision: distinct title rows, the sources that proposed each with
 * their ranks, and one feature vector per candidate ({@link RankerFeatures} layout, NaN until set).
 * Reused across decisions: {@link #clear} costs the previous decision's size, not the catalog's.
 */
public final class CandidatePool {

    private static final int WIDTH = RankerFeatures.COUNT;

    private int[] rows = new int[64];
    private int[] sources = new int[64];
    private float[] features = new float[64 * WIDTH];
    private int[] slotOfRow = new int[64];
    private int size;

    public CandidatePool() {
        Arrays.fill(slotOfRow, -1);
    }

    /** Forgets every candidate. */
    public void clear() {
        for (int s = 0; s < size; s++) {
            slotOfRow[rows[s]] = -1;
        }
        size = 0;
    }

    public int size() {
        return size;
    }

    public int row(int slot) {
        return rows[slot];
    }

    /** The slot of {@code row}, or -1. */
    public int slotOf(int row) {
        return row < slotOfRow.length ? slotOfRow[row] : -1;
    }

    /** Sources that proposed the candidate, as {@link CandidateSource#bit()}s. */
    public int sources(int slot) {
        return sources[slot];
    }

    /**
     * Records that {@code source} proposed {@code row} at 1-based {@code rank} with {@code score};
     * returns the candidate's slot.
     */
    public int offer(int row, CandidateSource source, float score, int rank) {
        int slot = slotOrAdd(row);
        sources[slot] |= source.bit();
        features[slot * WIDTH + source.scoreFeature()] = score;
        if (source.rankFeature() >= 0) {
            features[slot * WIDTH + source.rankFeature()] = rank;
        }
        return slot;
    }

    /**
     * The popularity features of a candidate from its shares of the trending (short half-life) and
     * all-time interaction mass, and how many sources proposed it: one definition for the replay
     * and the job.
     */
    public void setPopularity(int slot, double trendingShare, double allTimeShare) {
        set(slot, RankerFeatures.TRENDING_SHARE, (float) trendingShare);
        set(slot, RankerFeatures.POPULARITY_SHARE, (float) allTimeShare);
        set(
                slot,
                RankerFeatures.POPULARITY_TREND,
                (float) Math.log((trendingShare + 1e-4) / (allTimeShare + 1e-4)));
        set(slot, RankerFeatures.SOURCE_COUNT, Integer.bitCount(sources[slot]));
    }

    public void set(int slot, int feature, float value) {
        features[slot * WIDTH + feature] = value;
    }

    public float get(int slot, int feature) {
        return features[slot * WIDTH + feature];
    }

    /** The feature vectors, row-major: candidate {@code slot} at {@code slot * COUNT}. */
    public float[] features() {
        return features;
    }

    private int slotOrAdd(int row) {
        if (row >= slotOfRow.length) {
            int old = slotOfRow.length;
            slotOfRow = Arrays.copyOf(slotOfRow, Math.max(row + 1, old * 2));
            Arrays.fill(slotOfRow, old, slotOfRow.length, -1);
        }
        int slot = slotOfRow[row];
        if (slot >= 0) {
            return slot;
        }
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, size * 2);
            sources = Arrays.copyOf(sources, size * 2);
            features = Arrays.copyOf(features, size * 2 * WIDTH);
        }
        slot = size++;
        rows[slot] = row;
        sources[slot] = 0;
        slotOfRow[row] = slot;
        Arrays.fill(features, slot * WIDTH, (slot + 1) * WIDTH, Float.NaN);
        return slot;
    }
}
