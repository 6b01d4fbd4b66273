package io.reelstream.udfs.mf;

/**
 * Outcome of a prequential replay: ranking quality of the learner and of the popularity baseline on
 * the same evaluated interactions, and learner speed.
 *
 * @param interactions interactions replayed (all learned)
 * @param evaluated interactions evaluated (known member, positive, item new to the member)
 * @param recall hit rate of the learner's top-N
 * @param mrr mean reciprocal rank of the learner's top-N
 * @param popularityRecall hit rate of the popularity top-N
 * @param popularityMrr mean reciprocal rank of the popularity top-N
 * @param cutoff N of top-N
 * @param learnNanos time spent learning (not recommending)
 */
public record ReplayReport(
        long interactions,
        long evaluated,
        double recall,
        double mrr,
        double popularityRecall,
        double popularityMrr,
        int cutoff,
        long learnNanos) {

    public double updatesPerSecond() {
        return learnNanos == 0 ? 0 : interactions * 1e9 / learnNanos;
    }

    /** The recall ratio learner / popularity (infinite if popularity never hits). */
    public double liftOverPopularity() {
        return popularityRecall == 0 ? Double.POSITIVE_INFINITY : recall / popularityRecall;
    }
}
