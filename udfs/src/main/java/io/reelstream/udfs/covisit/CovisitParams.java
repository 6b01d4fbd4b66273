package io.reelstream.udfs.covisit;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of the item-to-item co-visitation learner, in one validated place so the replay, the CLI
 * and the streaming job build the same model.
 *
 * @param halfLifeMs event-time half-life of co-occurrence and item counts
 * @param window distinct positive titles remembered per member (pairs are formed within it)
 * @param neighbours K: neighbours per title used to recommend (the most similar candidates)
 * @param candidates neighbour candidates tracked per title (≥ K); when full, the one with the
 *     smallest decayed co-occurrence count is evicted
 * @param recencyHalfLife positions (0 = the member's newest title) after which a recent title's
 *     vote halves when recommending; 0 means every recent title votes equally
 */
public record CovisitParams(
        long halfLifeMs, int window, int neighbours, int candidates, double recencyHalfLife)
        implements Serializable {

    /** 90 days, about a season: see docs/recommendations.md, "Item-to-item co-visitation". */
    public static final long DEFAULT_HALF_LIFE_MS = Duration.ofDays(90).toMillis();

    public static CovisitParams defaults() {
        return new CovisitParams(DEFAULT_HALF_LIFE_MS, 20, 50, 100, 0.0);
    }

    public CovisitParams {
        if (halfLifeMs <= 0) {
            throw new IllegalArgumentException("halfLifeMs must be positive: " + halfLifeMs);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1: " + window);
        }
        if (neighbours < 1 || candidates < neighbours) {
            throw new IllegalArgumentException(
                    "need 1 <= neighbours <= candidates: " + neighbours + ", " + candidates);
        }
        if (!(recencyHalfLife >= 0) || Double.isInfinite(recencyHalfLife)) {
            throw new IllegalArgumentException(
                    "recencyHalfLife must be finite and >= 0: " + recencyHalfLife);
        }
    }

    public CovisitParams withHalfLifeMs(long value) {
        return new CovisitParams(value, window, neighbours, candidates, recencyHalfLife);
    }

    public CovisitParams withWindow(int value) {
        return new CovisitParams(halfLifeMs, value, neighbours, candidates, recencyHalfLife);
    }

    /** K, with the candidate capacity kept at twice K. */
    public CovisitParams withNeighbours(int value) {
        return new CovisitParams(halfLifeMs, window, value, 2 * value, recencyHalfLife);
    }

    public CovisitParams withCandidates(int value) {
        return new CovisitParams(halfLifeMs, window, neighbours, value, recencyHalfLife);
    }

    public CovisitParams withRecencyHalfLife(double value) {
        return new CovisitParams(halfLifeMs, window, neighbours, candidates, value);
    }

    /** The vote of the recent title at {@code position} (0 = newest). */
    public double recencyWeight(int position) {
        return recencyHalfLife == 0 ? 1.0 : Math.pow(2.0, -position / recencyHalfLife);
    }
}
