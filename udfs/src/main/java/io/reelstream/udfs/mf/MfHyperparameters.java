package io.reelstream.udfs.mf;

import java.io.Serializable;

/**
 * The learner's hyperparameters in one value, so the replay evaluator, the benchmarks and the
 * streaming job train with exactly the same settings.
 *
 * @param k factor dimension
 * @param learningRate SGD step size of user and item factors
 * @param biasLearningRate SGD step size of item biases (smaller than {@code learningRate}: a bias
 *     that follows every interaction quickly turns the model into a popularity ranker)
 * @param regularization L2 penalty on factors
 * @param biasRegularization L2 penalty on item biases
 * @param negativesPerUpdate sampled negatives per positive interaction (pairwise BPR steps)
 * @param initScale half-width of the uniform prior of new factor vectors
 * @param popularNegativeShare share of negatives drawn popularity-proportionally (rest uniform)
 * @param historyReplays extra pairwise steps per positive interaction on the member's own earlier
 *     positives (each against a fresh sampled negative; user and item halves, like a regular step):
 *     online passes over the member's history, so few interactions already place the member
 * @param seed seed of the deterministic priors and samplers
 */
public record MfHyperparameters(
        int k,
        float learningRate,
        float biasLearningRate,
        float regularization,
        float biasRegularization,
        int negativesPerUpdate,
        float initScale,
        float popularNegativeShare,
        int historyReplays,
        long seed)
        implements Serializable {

    /** Defaults chosen by replay on generator traffic; see docs/recommendations.md. */
    public static MfHyperparameters defaults() {
        return new MfHyperparameters(32, 0.05f, 0.005f, 0.05f, 0.05f, 8, 0.1f, 0.0f, 16, 42L);
    }

    public MfHyperparameters {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be positive: " + learningRate);
        }
        if (!(biasLearningRate >= 0)) {
            throw new IllegalArgumentException(
                    "biasLearningRate must not be negative: " + biasLearningRate);
        }
        if (regularization < 0 || biasRegularization < 0) {
            throw new IllegalArgumentException("regularization must not be negative");
        }
        if (negativesPerUpdate <= 0) {
            throw new IllegalArgumentException("negativesPerUpdate must be positive");
        }
        if (popularNegativeShare < 0 || popularNegativeShare > 1) {
            throw new IllegalArgumentException("popularNegativeShare must be in [0, 1]");
        }
        if (historyReplays < 0) {
            throw new IllegalArgumentException("historyReplays must not be negative");
        }
    }

    public MfHyperparameters withK(int newK) {
        return new MfHyperparameters(
                newK,
                learningRate,
                biasLearningRate,
                regularization,
                biasRegularization,
                negativesPerUpdate,
                initScale,
                popularNegativeShare,
                historyReplays,
                seed);
    }

    public MfHyperparameters withLearningRate(float lr) {
        return new MfHyperparameters(
                k,
                lr,
                biasLearningRate,
                regularization,
                biasRegularization,
                negativesPerUpdate,
                initScale,
                popularNegativeShare,
                historyReplays,
                seed);
    }

    public MfHyperparameters withBiasLearningRate(float lr) {
        return new MfHyperparameters(
                k,
                learningRate,
                lr,
                regularization,
                biasRegularization,
                negativesPerUpdate,
                initScale,
                popularNegativeShare,
                historyReplays,
                seed);
    }

    public MfHyperparameters withRegularization(float reg) {
        return new MfHyperparameters(
                k,
                learningRate,
                biasLearningRate,
                reg,
                reg,
                negativesPerUpdate,
                initScale,
                popularNegativeShare,
                historyReplays,
                seed);
    }

    public MfHyperparameters withNegatives(int negatives) {
        return new MfHyperparameters(
                k,
                learningRate,
                biasLearningRate,
                regularization,
                biasRegularization,
                negatives,
                initScale,
                popularNegativeShare,
                historyReplays,
                seed);
    }

    public MfHyperparameters withPopularNegativeShare(float share) {
        return new MfHyperparameters(
                k,
                learningRate,
                biasLearningRate,
                regularization,
                biasRegularization,
                negativesPerUpdate,
                initScale,
                share,
                historyReplays,
                seed);
    }

    public MfHyperparameters withHistoryReplays(int replays) {
        return new MfHyperparameters(
                k,
                learningRate,
                biasLearningRate,
                regularization,
                biasRegularization,
                negativesPerUpdate,
                initScale,
                popularNegativeShare,
                replays,
                seed);
    }
}
