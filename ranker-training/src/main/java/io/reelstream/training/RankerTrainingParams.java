package io.reelstream.training;

import java.util.HashMap;
import java.util.Map;

/**
 * The ranker's training settings: LambdaMART on NDCG with small, regularised trees, since a
 * decision group holds one positive and the early logs are small.
 *
 * @param objective XGBoost objective: {@code rank:ndcg} (LambdaMART), {@code rank:pairwise} or
 *     {@code binary:logistic} (pointwise)
 * @param rounds boosting rounds (trees)
 * @param maxDepth depth of each tree
 * @param eta learning rate (shrinkage)
 * @param minChildWeight minimum hessian per leaf
 * @param subsample share of rows each tree sees
 * @param seed seed of XGBoost's sampling
 */
public record RankerTrainingParams(
        String objective,
        int rounds,
        int maxDepth,
        double eta,
        double minChildWeight,
        double subsample,
        long seed) {

    /**
     * Depth 3 rather than 4 gained 0.003–0.021 recall@10 on each of six generator replays, whose
     * retrains see a few hundred to a few thousand decisions (docs/recommendations.md, session 24).
     */
    public static final int DEFAULT_MAX_DEPTH = 3;

    public static RankerTrainingParams defaults() {
        return new RankerTrainingParams("rank:ndcg", 100, DEFAULT_MAX_DEPTH, 0.1, 1.0, 0.8, 7L);
    }

    public RankerTrainingParams {
        if (!objective.startsWith("rank:") && !objective.equals("binary:logistic")) {
            throw new IllegalArgumentException("not a ranking objective: " + objective);
        }
        if (rounds < 1 || maxDepth < 1 || !(eta > 0) || !(subsample > 0) || subsample > 1) {
            throw new IllegalArgumentException(
                    "need rounds >= 1, maxDepth >= 1, eta > 0, 0 < subsample <= 1");
        }
    }

    /** XGBoost's parameter map (single thread, so a seed gives one model). */
    public Map<String, Object> xgboostParams() {
        Map<String, Object> p = new HashMap<>();
        p.put("objective", objective);
        p.put("max_depth", maxDepth);
        p.put("eta", eta);
        p.put("min_child_weight", minChildWeight);
        p.put("subsample", subsample);
        p.put("seed", seed);
        p.put("nthread", 1);
        p.put("verbosity", 0);
        return p;
    }

    public RankerTrainingParams with(String objective, int rounds, int maxDepth, double eta) {
        return new RankerTrainingParams(
                objective, rounds, maxDepth, eta, minChildWeight, subsample, seed);
    }
}
