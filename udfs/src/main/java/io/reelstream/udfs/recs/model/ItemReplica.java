package io.reelstream.udfs.recs.model;

import io.reelstream.udfs.covisit.CovisitCandidates;
import io.reelstream.udfs.mf.DecayedCount;
import io.reelstream.udfs.mf.FactorMatrix;
import io.reelstream.udfs.mf.MfHyperparameters;
import io.reelstream.udfs.mf.TopNSelector;
import io.reelstream.udfs.recs.ItemFactorUpdate;
import io.reelstream.udfs.recs.ItemModelState;

import java.util.Arrays;

/**
 * The user side's copy of every show's factors, bias and popularity, in contiguous arrays for
 * allocation-free scoring, and of its co-visitation count, "watched together" neighbours and the
 * shows members start next after it. Rebuilt from broadcast state after a restore; shows not
 * published yet enter with their deterministic prior (the same one the item side starts from) and
 * no co-visitation.
 */
public final class ItemReplica implements CovisitCandidates.NeighbourLists {

    private static final String[] NONE = new String[0];

    /** The day reference moves after this much event time (scale factors stay below 2^100). */
    private static final long REBASE_AFTER_MS = 100 * ItemModelState.DAY_HALF_LIFE_MS;

    private static final float[] NO_SIMILARITIES = new float[0];

    private final MfHyperparameters hp;
    private final FactorMatrix matrix;
    private long[] updatedAt = new long[64];
    private double[] popularity = new double[64];
    private long[] popularityAsOf = new long[64];
    private long[] interactions = new long[64];
    private double[] covisitCount = new double[64];
    private long[] covisitCountAsOf = new long[64];
    private String[][] neighbours = new String[64][];
    private float[][] similarities = new float[64][];
    private String[][] nextShows = new String[64][];
    private float[][] nextProbabilities = new float[64][];
    private float[] trendScratch = new float[64];

    /**
     * Each row's day popularity scaled to {@link #dayReference} (value × 2^((asOf − ref) / day)):
     * rows decay alike, so a row's share of the day's mass is its scaled value over the scaled
     * total, at any clock, with no pass over the catalog.
     */
    private double[] dayScaled = new double[64];

    private double dayScaledTotal;
    private long dayReference = Long.MIN_VALUE;
    private long newestPopularityAsOf;
    private long interactionsTotal;
    private double trendingTotal;

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
        interactionsTotal += update.interactions() - interactions[row];
        interactions[row] = update.interactions();
        covisitCount[row] = update.hasCovisitCount() ? update.covisitCount() : 0.0;
        covisitCountAsOf[row] = update.covisitCountAsOf();
        int m = Math.min(update.neighbourIds().length, update.neighbourSimilarities().length);
        neighbours[row] = Arrays.copyOf(update.neighbourIds(), m);
        similarities[row] = Arrays.copyOf(update.neighbourSimilarities(), m);
        int n = Math.min(update.nextShowIds().length, update.nextShowProbabilities().length);
        nextShows[row] = Arrays.copyOf(update.nextShowIds(), n);
        nextProbabilities[row] = Arrays.copyOf(update.nextShowProbabilities(), n);
        newestPopularityAsOf = Math.max(newestPopularityAsOf, update.popularityAsOf());
        double scaled = scaledDay(update.dayPopularity(), update.popularityAsOf());
        dayScaledTotal += scaled - dayScaled[row];
        dayScaled[row] = scaled;
        return true;
    }

    /**
     * The row's share of the positive interactions decayed with a one-day half-life, NaN while no
     * update carried a day popularity (updates of layout 1 and 2).
     */
    public double dayShare(int row) {
        return dayScaledTotal > 0 && row < dayScaled.length
                ? Math.min(1.0, Math.max(0.0, dayScaled[row] / dayScaledTotal))
                : Double.NaN;
    }

    private double scaledDay(double value, long asOf) {
        if (!(value > 0)) {
            return 0.0;
        }
        if (dayReference == Long.MIN_VALUE) {
            dayReference = asOf;
        } else if (asOf - dayReference > REBASE_AFTER_MS) {
            rebaseDay(asOf);
        }
        return value
                * Math.pow(2.0, (asOf - dayReference) / (double) ItemModelState.DAY_HALF_LIFE_MS);
    }

    /** Moves the reference to {@code reference} before the scale factors grow too large. */
    private void rebaseDay(long reference) {
        double factor =
                Math.pow(
                        2.0,
                        -(reference - dayReference) / (double) ItemModelState.DAY_HALF_LIFE_MS);
        double total = 0;
        for (int row = 0; row < dayScaled.length; row++) {
            dayScaled[row] *= factor;
            total += dayScaled[row];
        }
        dayScaledTotal = total;
        dayReference = reference;
    }

    /** Row of the show, entering it with its prior if the replica has not seen it. */
    public int rowOrPrior(String showId) {
        int row = matrix.rowOrPrior(showId, hp.seed(), hp.initScale());
        ensure(row);
        return row;
    }

    /** Row of the show, -1 if the replica has not seen it (nothing is entered). */
    public int rowOf(String showId) {
        return matrix.rowOf(showId);
    }

    /** Publication time of the row's update (0 for a show entered with its prior). */
    public long updatedAt(int row) {
        return updatedAt[row];
    }

    /** The show's co-visitation count n as of {@link #covisitCountAsOf}; 0 if unknown. */
    public double covisitCount(int row) {
        return covisitCount[row];
    }

    public long covisitCountAsOf(int row) {
        return covisitCountAsOf[row];
    }

    /**
     * The shows members most often start next after {@code showId}, most probable first (empty if
     * none, or not in the replica).
     */
    public String[] nextShowsOf(String showId) {
        int row = rowOf(showId);
        String[] held = row < 0 ? null : nextShows[row];
        return held == null ? NONE : held;
    }

    /** P(next = s | last = {@code showId}) of each of {@link #nextShowsOf}, same length. */
    public float[] nextProbabilitiesOf(String showId) {
        int row = rowOf(showId);
        float[] held = row < 0 || nextShows[row] == null ? null : nextProbabilities[row];
        return held == null ? NO_SIMILARITIES : held;
    }

    /** The show's "watched together" neighbours, most similar first (empty if none). */
    public String[] neighbours(int row) {
        String[] held = neighbours[row];
        return held == null ? NONE : held;
    }

    /** The similarities of {@link #neighbours(int)}, same length. */
    public float[] similarities(int row) {
        float[] held = similarities[row];
        return held == null || neighbours[row] == null ? NO_SIMILARITIES : held;
    }

    @Override
    public String[] neighboursOf(String showId) {
        int row = rowOf(showId);
        return row < 0 ? NONE : neighbours(row);
    }

    @Override
    public float[] similaritiesOf(String showId) {
        int row = rowOf(showId);
        return row < 0 ? NO_SIMILARITIES : similarities(row);
    }

    public long interactions(int row) {
        return interactions[row];
    }

    /**
     * The row's share of the decayed popularity as the last {@link #trending} call computed it
     * (same half-life and clock), 0 before any.
     */
    public double trendingShare(int row) {
        return trendingTotal > 0 && row < trendScratch.length
                ? trendScratch[row] / trendingTotal
                : 0;
    }

    /** The row's share of all-time positive interactions. */
    public double interactionShare(int row) {
        return interactionsTotal > 0 ? interactions[row] / (double) interactionsTotal : 0;
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
        double total = 0;
        for (int row = 0; row < rows; row++) {
            trendScratch[row] =
                    (float)
                            DecayedCount.valueAt(
                                    popularity[row],
                                    popularityAsOf[row],
                                    newestPopularityAsOf,
                                    halfLifeMs);
            total += trendScratch[row];
        }
        trendingTotal = total;
        return selector.selectScores(trendScratch, rows, n);
    }

    private void ensure(int row) {
        if (row >= updatedAt.length) {
            int capacity = Math.max(row + 1, updatedAt.length * 2);
            updatedAt = Arrays.copyOf(updatedAt, capacity);
            popularity = Arrays.copyOf(popularity, capacity);
            popularityAsOf = Arrays.copyOf(popularityAsOf, capacity);
            interactions = Arrays.copyOf(interactions, capacity);
            covisitCount = Arrays.copyOf(covisitCount, capacity);
            covisitCountAsOf = Arrays.copyOf(covisitCountAsOf, capacity);
            neighbours = Arrays.copyOf(neighbours, capacity);
            similarities = Arrays.copyOf(similarities, capacity);
            nextShows = Arrays.copyOf(nextShows, capacity);
            nextProbabilities = Arrays.copyOf(nextProbabilities, capacity);
            dayScaled = Arrays.copyOf(dayScaled, capacity);
        }
    }
}
