package io.reelstream.udfs.ranker;

/**
 * Settings of the hybrid (candidate sources plus ranker) in replay.
 *
 * @param candidatesPerSource how many titles each source proposes per decision
 * @param trendingHalfLifeMs half-life of the trending counts (the job's trending half-life)
 * @param retrainEvery interactions between retrains (the replay sets 1/{@link #DEFAULT_RETRAINS} of
 *     the log)
 * @param minTrainingGroups labelled decisions needed before the first model
 * @param maxTrainingGroups newest labelled decisions a retrain uses
 * @param negativesPerGroup candidates without the label kept per decision (sampled, seeded)
 * @param seed seed of the negative sampling (the trainer has its own)
 */
public record HybridParams(
        int candidatesPerSource,
        long trendingHalfLifeMs,
        long retrainEvery,
        int minTrainingGroups,
        int maxTrainingGroups,
        int negativesPerGroup,
        long seed) {

    /**
     * Retrains over a replayed log by default: 40 rather than 20 gained 0.004–0.012 recall@10 on
     * each of six generator logs (docs/recommendations.md, session 24), at twice the training time.
     */
    public static final int DEFAULT_RETRAINS = 40;

    public static HybridParams defaults() {
        return new HybridParams(50, 6 * 3_600_000L, 1_000, 100, 5_000, 20, 17L);
    }

    public HybridParams {
        if (candidatesPerSource < 1 || trendingHalfLifeMs <= 0 || retrainEvery < 1) {
            throw new IllegalArgumentException(
                    "candidatesPerSource, trendingHalfLifeMs and retrainEvery must be positive");
        }
        if (minTrainingGroups < 1 || maxTrainingGroups < minTrainingGroups) {
            throw new IllegalArgumentException("need 1 <= minTrainingGroups <= maxTrainingGroups");
        }
        if (negativesPerGroup < 1) {
            throw new IllegalArgumentException("negativesPerGroup must be positive");
        }
    }

    public HybridParams withRetrainEvery(long value) {
        return new HybridParams(
                candidatesPerSource,
                trendingHalfLifeMs,
                value,
                minTrainingGroups,
                maxTrainingGroups,
                negativesPerGroup,
                seed);
    }

    public HybridParams withCandidatesPerSource(int value) {
        return new HybridParams(
                value,
                trendingHalfLifeMs,
                retrainEvery,
                minTrainingGroups,
                maxTrainingGroups,
                negativesPerGroup,
                seed);
    }
}
