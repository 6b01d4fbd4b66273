package io.reelstream.udfs.recs.model;

import io.reelstream.udfs.mf.DecayedCount;
import io.reelstream.udfs.mf.FactorMatrix;
import io.reelstream.udfs.mf.MfHyperparameters;
import io.reelstream.udfs.mf.TopNSelector;
import io.reelstream.udfs.recs.ItemFactorUpdate;

import java.util.Arrays;

/**
 * The user side's copy of every show's factors, bias and popularity, in contiguous arrays for
 * allocation-free scoring. Rebuilt from broadcast state after a restore; shows not published yet
 * enter with their deterministic prior (the same one the item side starts from).
 */
public final class ItemReplica {

    private final MfHyperparameters hp;
    private final FactorMatrix matrix;
    private long[] updatedAt = new long[64];
    private double[] popularity = new double[64];
    private long[] popularityAsOf = new long[64];
    private long[] interactions = new long[64];
    private float[] trendScratch = new float[64];
    private long newestPopularityAsOf;

    public ItemReplica(MfHyperparameters hp) {
        this.hp = hp;
        this.matrix = new FactorMatrix(hp.k(), 1024);
    }

    public FactorMatrix matrix() {
        return matrix;
    }

    public int size() {
        return matrix.size();
    }

    /** Applies an update if it is newer than what the replica holds; returns whether it did. */
    public boolean apply(ItemFactorUpdate update) {
        int row = matrix.rowOf(update.showId());
        if (row >= 0 && updatedAt[row] > update.updatedAt()) {
            return false;
        }
        row = matrix.put(update.showId(), update.factors(), update.bias());
        ensure(row);
        updatedAt[row] = update.updatedAt();
        popularity[row] = update.popularity();
        popularityAsOf[row] = update.popularityAsOf();
        interactions[row] = update.interactions();
        newestPopularityAsOf = Math.max(newestPopularityAsOf, update.popularityAsOf());
        return true;
    }

    /** Row of the show, entering it with its prior if the replica has not seen it. */
    public int rowOrPrior(String showId) {
        int row = matrix.rowOrPrior(showId, hp.seed(), hp.initScale());
        ensure(row);
        return row;
    }

    public long interactions(int row) {
        return interactions[row];
    }

    /** The newest event time any popularity is expressed at: "now" for trending. */
    public long trendingClock() {
        return newestPopularityAsOf;
    }

    /**
     * Top-N rows by decayed popularity at {@link #trendingClock()}; exclusions of the selector
     * apply.
     */
    public int trending(TopNSelector selector, long halfLifeMs, int n) {
        int rows = matrix.size();
        if (trendScratch.length < rows) {
            trendScratch = new float[Math.max(rows, trendScratch.length * 2)];
        }
        for (int row = 0; row < rows; row++) {
            trendScratch[row] =
                    (float)
                            DecayedCount.valueAt(
                                    popularity[row],
                                    popularityAsOf[row],
                                    newestPopularityAsOf,
                                    halfLifeMs);
        }
        return selector.selectScores(trendScratch, rows, n);
    }

    private void ensure(int row) {
        if (row >= updatedAt.length) {
            int capacity = Math.max(row + 1, updatedAt.length * 2);
            updatedAt = Arrays.copyOf(updatedAt, capacity);
            popularity = Arrays.copyOf(popularity, capacity);
            popularityAsOf = Arrays.copyOf(popularityAsOf, capacity);
            interactions = Arrays.copyOf(interactions, capacity);
        }
    }
}
