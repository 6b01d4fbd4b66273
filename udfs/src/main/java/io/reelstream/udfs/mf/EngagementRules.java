package io.reelstream.udfs.mf;

import java.io.Serializable;

/**
 * Turns one playback's engagement into an implicit-feedback weight: 0 (no signal), a weak negative
 * (abandoned within the first minutes), or a positive weight that grows with the fraction watched,
 * completion counting most.
 *
 * @param minWatchedMs watched time that makes a playback meaningful
 * @param minFraction fraction of runtime that makes a playback meaningful
 * @param requireBoth whether both thresholds must be met (otherwise either is enough)
 * @param completionFraction position / runtime from which a playback counts as completed
 * @param completionWeight weight of a completed playback
 * @param abandonWithinMs a playback that ended with less watched than this is abandoned
 * @param abandonWeight the (negative) weight of an abandoned playback
 */
public record EngagementRules(
        long minWatchedMs,
        double minFraction,
        boolean requireBoth,
        double completionFraction,
        float completionWeight,
        long abandonWithinMs,
        float abandonWeight)
        implements Serializable {

    public static EngagementRules defaults() {
        return new EngagementRules(300_000L, 0.25, false, 0.9, 3.0f, 120_000L, -0.3f);
    }

    public EngagementRules {
        if (abandonWeight > 0) {
            throw new IllegalArgumentException("abandonWeight must not be positive");
        }
        if (completionWeight <= 0) {
            throw new IllegalArgumentException("completionWeight must be positive");
        }
    }

    /**
     * @param watchedMs time actually watched (furthest position reached is a fair proxy)
     * @param runtimeMs runtime of the title, 0 if unknown
     * @param completed whether the player reported completion
     * @return the interaction weight, 0 for no interaction
     */
    public float weight(long watchedMs, long runtimeMs, boolean completed) {
        double fraction = runtimeMs > 0 ? Math.min(1.0, (double) watchedMs / runtimeMs) : 0.0;
        if (completed || (runtimeMs > 0 && fraction >= completionFraction)) {
            return completionWeight;
        }
        boolean longEnough = watchedMs >= minWatchedMs;
        boolean largeEnough = runtimeMs > 0 && fraction >= minFraction;
        boolean meaningful = requireBoth ? longEnough && largeEnough : longEnough || largeEnough;
        if (meaningful) {
            float ceiling = completionWeight - 1f;
            return (float) (1.0 + Math.max(0.0, ceiling) * fraction / completionFraction);
        }
        if (watchedMs < abandonWithinMs) {
            return abandonWeight;
        }
        return 0f;
    }
}
