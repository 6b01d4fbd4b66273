package io.reelstream.udfs.mf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prequential replay of an interaction log through several {@link ReplayModel}s at once: before
 * learning each positive interaction of a known member with an item new to them, every model
 * recommends top-N excluding the member's items; a hit is the item being in it. Then every model
 * learns the interaction. The first model is the one reported as "the model"; a popularity baseline
 * (all-time counts so far) is always among them. Feed rows in timestamp order.
 */
public final class ReplayEvaluator {

    private final List<ReplayModel> models;
    private final int cutoff;
    private final TopNSelector selector;
    private final Map<String, Integer> users = new HashMap<>();
    private final Map<String, Integer> items = new HashMap<>();
    private final Map<Integer, int[]> histories = new HashMap<>();
    private final Set<Long> seen = new HashSet<>();
    private final long[] hits;
    private final double[] reciprocalRanks;
    private final long[] learnNanos;

    private long interactions;
    private long evaluated;

    /** The online MF learner against popularity. */
    public ReplayEvaluator(MfHyperparameters hp, int cutoff) {
        this(List.of(new MfReplayModel(hp)), cutoff);
    }

    /** {@code models} (the first is the primary one), plus popularity if none is named so. */
    public ReplayEvaluator(List<ReplayModel> models, int cutoff) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("no model to evaluate");
        }
        List<ReplayModel> all = new ArrayList<>(models);
        if (all.stream().noneMatch(m -> m.name().equals(ReplayReport.POPULARITY))) {
            all.add(new PopularityReplayModel());
        }
        this.models = List.copyOf(all);
        this.cutoff = cutoff;
        this.selector = new TopNSelector(cutoff);
        this.hits = new long[all.size()];
        this.reciprocalRanks = new double[all.size()];
        this.learnNanos = new long[all.size()];
    }

    public List<ReplayModel> models() {
        return models;
    }

    /** Evaluates (if eligible) and then learns one interaction. */
    public void accept(ReplayInteraction interaction) {
        int user = users.computeIfAbsent(interaction.user(), id -> users.size());
        int item = items.computeIfAbsent(interaction.item(), id -> items.size());
        for (ReplayModel model : models) {
            model.admit(user, item, interaction);
        }
        int[] history = histories.get(user);
        boolean known = history != null && history[0] > 0;
        long pair = ((long) user << 32) | item;
        boolean novel = !seen.contains(pair);
        if (known && novel && interaction.weight() > 0) {
            evaluate(user, item, history);
        }
        for (int m = 0; m < models.size(); m++) {
            long start = System.nanoTime();
            models.get(m).learn(user, item, interaction, novel);
            learnNanos[m] += System.nanoTime() - start;
        }
        interactions++;
        if (novel) {
            seen.add(pair);
            histories.put(user, append(history, item));
        }
    }

    public ReplayReport report() {
        double n = Math.max(1, evaluated);
        List<ReplayReport.ModelResult> results = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            results.add(
                    new ReplayReport.ModelResult(
                            models.get(m).name(),
                            hits[m] / n,
                            reciprocalRanks[m] / n,
                            learnNanos[m]));
        }
        return new ReplayReport(interactions, evaluated, cutoff, results);
    }

    /** Replays all rows (already in timestamp order) through MF and popularity, and reports. */
    public static ReplayReport replay(
            Iterable<ReplayInteraction> rows, MfHyperparameters hp, int cutoff) {
        return replay(rows, new ReplayEvaluator(hp, cutoff));
    }

    /** Replays all rows (already in timestamp order) through {@code evaluator} and reports. */
    public static ReplayReport replay(Iterable<ReplayInteraction> rows, ReplayEvaluator evaluator) {
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
        for (int m = 0; m < models.size(); m++) {
            models.get(m).recommend(user, selector, cutoff);
            int rank = selector.rankOf(item);
            if (rank > 0) {
                hits[m]++;
                reciprocalRanks[m] += 1.0 / rank;
            }
        }
        for (int h = 1; h <= count; h++) {
            selector.clearExclusionOf(history[h]);
        }
    }

    /**
     * Appends {@code item} to a row list kept as {@code history[0]} = count, rows after it (null is
     * empty); returns the list, grown if needed.
     */
    public static int[] append(int[] history, int item) {
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
