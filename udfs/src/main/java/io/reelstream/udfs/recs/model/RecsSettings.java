package io.reelstream.udfs.recs.model;

import io.reelstream.udfs.covisit.CovisitParams;
import io.reelstream.udfs.mf.EngagementRules;
import io.reelstream.udfs.mf.MfHyperparameters;

import java.io.Serializable;

/**
 * Everything the recommendation functions need, parsed once from the job options.
 *
 * @param hyperparameters learner hyperparameters (k, learning rate, ...)
 * @param engagement rules that turn a playback into an interaction weight
 * @param topN recommendations per member
 * @param debounceMs minimum time between two recomputations for one member
 * @param minPositivesForModel members with fewer positive interactions get trending titles
 * @param historyLimit shows remembered per member (excluded from recommendations)
 * @param trendingHalfLifeMs half-life of the time-decayed popularity
 * @param explorationSlots slots of a model list reserved for new titles
 * @param newTitleInteractions titles with fewer interactions than this count as new
 * @param publishIntervalMs minimum time between two publications of one show's factors
 * @param playbackTimeoutMs a playback without events for this long (event time) is finished
 * @param userStateTtlMs member state expires after this long without interactions
 * @param modelVersion model generation written with every factor and recommendation
 * @param covisit co-visitation ("watched together") window, neighbours, candidates, half-life
 */
public record RecsSettings(
        MfHyperparameters hyperparameters,
        EngagementRules engagement,
        int topN,
        long debounceMs,
        int minPositivesForModel,
        int historyLimit,
        long trendingHalfLifeMs,
        int explorationSlots,
        long newTitleInteractions,
        long publishIntervalMs,
        long playbackTimeoutMs,
        long userStateTtlMs,
        long modelVersion,
        CovisitParams covisit)
        implements Serializable {

    public static RecsSettings defaults() {
        return new RecsSettings(
                MfHyperparameters.defaults(),
                EngagementRules.defaults(),
                50,
                5_000L,
                3,
                500,
                6 * 3_600_000L,
                2,
                20,
                1_000L,
                30 * 60_000L,
                90L * 24 * 3_600_000L,
                1L,
                CovisitParams.defaults());
    }

    public RecsSettings {
        if (topN <= 0 || explorationSlots < 0 || explorationSlots >= topN) {
            throw new IllegalArgumentException(
                    "need 0 < topN and 0 <= explorationSlots < topN: "
                            + topN
                            + ", "
                            + explorationSlots);
        }
        if (historyLimit <= 0 || debounceMs < 0 || publishIntervalMs < 0) {
            throw new IllegalArgumentException("historyLimit must be positive, intervals >= 0");
        }
        if (covisit == null) {
            throw new IllegalArgumentException("covisit settings missing");
        }
    }
}
