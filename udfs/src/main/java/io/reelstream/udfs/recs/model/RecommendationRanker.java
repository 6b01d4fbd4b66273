package io.reelstream.udfs.recs.model;

import io.reelstream.udfs.mf.BprMath;
import io.reelstream.udfs.mf.FactorMatrix;
import io.reelstream.udfs.mf.TopNSelector;
import io.reelstream.udfs.recs.Recommendations;
import io.reelstream.udfs.recs.UserModelState;

/**
 * Builds a member's list from the replica: model top-N excluding the member's history with the last
 * slots given to the best-scoring new titles (exposure), or trending titles for members with too
 * little history. One per operator instance; reuses its buffers.
 */
public final class RecommendationRanker {

    private final RecsSettings settings;
    private final TopNSelector selector;
    private final int[] excludedRows;
    private final int[] newRows;
    private final float[] newScores;

    public RecommendationRanker(RecsSettings settings) {
        this.settings = settings;
        this.selector = new TopNSelector(settings.topN());
        this.excludedRows = new int[settings.historyLimit()];
        this.newRows = new int[settings.explorationSlots()];
        this.newScores = new float[settings.explorationSlots()];
    }

    public Recommendations rank(
            String userId, UserModelState state, ItemReplica replica, long generatedAt) {
        int excluded = exclude(state.history(), replica.matrix());
        try {
            if (state.positives() < settings.minPositivesForModel()) {
                return trending(userId, replica, generatedAt);
            }
            return model(userId, state.factors(), replica, generatedAt);
        } finally {
            for (int e = 0; e < excluded; e++) {
                selector.clearExclusionOf(excludedRows[e]);
            }
        }
    }

    private Recommendations trending(String userId, ItemReplica replica, long generatedAt) {
        int count = replica.trending(selector, settings.trendingHalfLifeMs(), settings.topN());
        String[] shows = new String[count];
        float[] scores = new float[count];
        for (int r = 0; r < count; r++) {
            shows[r] = replica.matrix().id(selector.row(r));
            scores[r] = selector.score(r);
        }
        return new Recommendations(
                Recommendations.CURRENT_VERSION,
                userId,
                shows,
                scores,
                Recommendations.TRENDING,
                settings.modelVersion(),
                generatedAt);
    }

    private Recommendations model(
            String userId, float[] user, ItemReplica replica, long generatedAt) {
        FactorMatrix items = replica.matrix();
        int count = selector.select(user, 0, items, settings.topN());
        int[] rows = new int[count];
        float[] scores = new float[count];
        for (int r = 0; r < count; r++) {
            rows[r] = selector.row(r);
            scores[r] = selector.score(r);
        }
        reserveForNewTitles(user, replica, rows, scores, count);
        String[] shows = new String[count];
        for (int r = 0; r < count; r++) {
            shows[r] = items.id(rows[r]);
        }
        return new Recommendations(
                Recommendations.CURRENT_VERSION,
                userId,
                shows,
                scores,
                Recommendations.MODEL,
                settings.modelVersion(),
                generatedAt);
    }

    /**
     * Gives the last slots of a full list to the best-scoring new titles (fewer interactions than
     * the threshold) that are neither listed nor excluded, so new titles get exposure.
     */
    private void reserveForNewTitles(
            float[] user, ItemReplica replica, int[] rows, float[] scores, int count) {
        int slots = settings.explorationSlots();
        if (count < settings.topN() || slots == 0) {
            return;
        }
        FactorMatrix items = replica.matrix();
        int k = items.k();
        int found = 0;
        for (int row = 0; row < items.size(); row++) {
            if (replica.interactions(row) >= settings.newTitleInteractions()
                    || selector.isExcluded(row)
                    || contains(rows, count, row)) {
                continue;
            }
            float score = items.bias(row) + BprMath.dot(user, 0, items.factors(), row * k, k);
            found = insert(row, score, found, slots);
        }
        for (int s = 0; s < found; s++) {
            rows[count - found + s] = newRows[s];
            scores[count - found + s] = newScores[s];
        }
    }

    /** Inserts into the descending best-new arrays of capacity {@code slots}; returns the count. */
    private int insert(int row, float score, int found, int slots) {
        int position = found < slots ? found : slots - 1;
        if (found == slots && score <= newScores[slots - 1]) {
            return found;
        }
        while (position > 0 && newScores[position - 1] < score) {
            newRows[position] = newRows[position - 1];
            newScores[position] = newScores[position - 1];
            position--;
        }
        newRows[position] = row;
        newScores[position] = score;
        return Math.min(found + 1, slots);
    }

    private static boolean contains(int[] rows, int length, int row) {
        for (int r = 0; r < length; r++) {
            if (rows[r] == row) {
                return true;
            }
        }
        return false;
    }

    private int exclude(String[] history, FactorMatrix items) {
        int count = 0;
        for (String show : history) {
            int row = items.rowOf(show);
            if (row >= 0 && count < excludedRows.length) {
                selector.exclude(row);
                excludedRows[count++] = row;
            }
        }
        return count;
    }
}
