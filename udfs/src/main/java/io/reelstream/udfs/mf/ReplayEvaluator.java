package io.reelstream.udfs.mf;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Prequential replay of an interaction log through {@link OnlineBprLearner}: before learning each
 * positive interaction of a known member with an item new to them, both the learner and the
 * popularity baseline (all-time counts so far) recommend top-N excluding the member's items; a hit
 * is the item being in it. Then the learner learns the interaction. Feed rows in timestamp order.
 */
public final class ReplayEvaluator {

    private final OnlineBprLearner learner;
    private final int cutoff;
    private final TopNSelector selector;
    private final DecayedPopularity popularity = new DecayedPopularity(Long.MAX_VALUE / 4);
    private final Map<Integer, int[]> histories = new HashMap<>();
    private final Map<Integer, int[]> positives = new HashMap<>();
    private final Set<Long> seen = new HashSet<>();

    private long interactions;
    private long evaluated;
    private long hits;
    private double reciprocalRanks;
    private long popularityHits;
    private double popularityReciprocalRanks;
    private long learnNanos;

    public ReplayEvaluator(MfHyperparameters hp, int cutoff) {
        this.learner = new OnlineBprLearner(hp, 1024, 1024);
        this.cutoff = cutoff;
        this.selector = new TopNSelector(cutoff);
    }

    public OnlineBprLearner learner() {
        return learner;
    }

    /** Evaluates (if eligible) and then learns one interaction. */
    public void accept(ReplayInteraction interaction) {
        int user = learner.userRow(interaction.user());
        int item = learner.itemRow(interaction.item());
        int[] history = histories.get(user);
        boolean known = history != null && history[0] > 0;
        long pair = ((long) user << 32) | item;
        boolean novel = !seen.contains(pair);
        if (known && novel && interaction.weight() > 0) {
            evaluate(user, item, history);
        }
        long start = System.nanoTime();
        int[] liked = positives.get(user);
        if (liked == null) {
            learner.learnRows(user, item, interaction.weight());
        } else {
            learner.learnRows(user, item, interaction.weight(), liked, 1, liked[0]);
        }
        learnNanos += System.nanoTime() - start;
        interactions++;
        if (novel) {
            seen.add(pair);
            histories.put(user, append(history, item));
            if (interaction.weight() > 0) {
                positives.put(user, append(liked, item));
            }
        }
        if (interaction.weight() > 0) {
            popularity.add(item, 1.0, interaction.timestampMs());
        }
    }

    public ReplayReport report() {
        double n = Math.max(1, evaluated);
        return new ReplayReport(
                interactions,
                evaluated,
                hits / n,
                reciprocalRanks / n,
                popularityHits / n,
                popularityReciprocalRanks / n,
                cutoff,
                learnNanos);
    }

    /** Replays all rows (already in timestamp order) and reports. */
    public static ReplayReport replay(
            Iterable<ReplayInteraction> rows, MfHyperparameters hp, int cutoff) {
        ReplayEvaluator evaluator = new ReplayEvaluator(hp, cutoff);
        for (ReplayInteraction row : rows) {
            evaluator.accept(row);
        }
        return evaluator.report();
    }

    private void evaluate(int user, int item, int[] history) {
        evaluated++;
        int count = history[0];
        for (int h = 1; h <= count; h++) {
            selector.exclude(history[h]);
        }
        int k = learner.hyperparameters().k();
        selector.select(learner.users().factors(), user * k, learner.items(), cutoff);
        int rank = selector.rankOf(item);
        if (rank > 0) {
            hits++;
            reciprocalRanks += 1.0 / rank;
        }
        popularity.topCounted(selector, cutoff);
        int popularityRank = selector.rankOf(item);
        if (popularityRank > 0) {
            popularityHits++;
            popularityReciprocalRanks += 1.0 / popularityRank;
        }
        for (int h = 1; h <= count; h++) {
            selector.clearExclusionOf(history[h]);
        }
    }

    /** history[0] is the count, rows follow. */
    private static int[] append(int[] history, int item) {
        if (history == null) {
            history = new int[8];
        }
        int count = history[0];
        if (count + 1 >= history.length) {
            history = Arrays.copyOf(history, history.length * 2);
        }
        history[count + 1] = item;
        history[0] = count + 1;
        return history;
    }
}
