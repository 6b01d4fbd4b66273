package io.reelstream.udfs.mf;

import java.util.List;

/**
 * Outcome of a prequential replay: ranking quality of every model on the same evaluated
 * interactions, and each model's learning speed. The first model is the primary one (the command's
 * {@code recall@N}); {@value #POPULARITY} is the baseline.
 *
 * @param interactions interactions replayed (all learned)
 * @param evaluated interactions evaluated (known member, positive, item new to the member)
 * @param cutoff N of top-N
 * @param models per model, in evaluation order, the primary first
 */
public record ReplayReport(
        long interactions, long evaluated, int cutoff, List<ModelResult> models) {

    /** Name of the popularity baseline. */
    public static final String POPULARITY = "popularity";

    /**
     * One model's scores.
     *
     * @param name model name
     * @param recall hit rate of its top-N
     * @param mrr mean reciprocal rank of its top-N
     * @param learnNanos time it spent learning (not recommending)
     */
    public record ModelResult(String name, double recall, double mrr, long learnNanos) {}

    public ReplayReport {
        models = List.copyOf(models);
    }

    public ModelResult primary() {
        return models.get(0);
    }

    /** The result of the model called {@code name}. */
    public ModelResult model(String name) {
        return models.stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model " + name));
    }

    public double recall() {
        return primary().recall();
    }

    public double mrr() {
        return primary().mrr();
    }

    public double popularityRecall() {
        return model(POPULARITY).recall();
    }

    public double popularityMrr() {
        return model(POPULARITY).mrr();
    }

    /** Interactions learned per second of the primary model's learning time. */
    public double updatesPerSecond() {
        long nanos = primary().learnNanos();
        return nanos == 0 ? 0 : interactions * 1e9 / nanos;
    }

    /** The recall ratio primary model / popularity (infinite if popularity never hits). */
    public double liftOverPopularity() {
        double popularity = popularityRecall();
        return popularity == 0 ? Double.POSITIVE_INFINITY : recall() / popularity;
    }
}
