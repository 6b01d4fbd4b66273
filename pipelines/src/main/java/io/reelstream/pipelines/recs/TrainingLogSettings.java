package io.reelstream.pipelines.recs;

import java.io.Serializable;

/**
 * Where and how the recommendation job writes its training log ({@code
 * reelstream.recommendations.training-log.*}).
 *
 * @param path directory of the Parquet files (any Flink file system)
 * @param horizonMs label horizon, event time
 * @param maxDecisionDelayMs how far a decision may trail the watermark at the labeller
 * @param memberShare share of members whose decisions are logged, in (0, 1]
 * @param completionWeight interaction weight from which a play counts as completed (label 2)
 */
public record TrainingLogSettings(
        String path,
        long horizonMs,
        long maxDecisionDelayMs,
        double memberShare,
        float completionWeight)
        implements Serializable {

    public TrainingLogSettings {
        if (!(memberShare > 0)) {
            throw new IllegalArgumentException("member share must be above 0: " + memberShare);
        }
    }
}
