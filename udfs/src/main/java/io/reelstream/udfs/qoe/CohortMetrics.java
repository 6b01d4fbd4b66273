package io.reelstream.udfs.qoe;

import io.reelstream.schemas.qoe.QoeMetric;

/**
 * QoE of one cohort over one event-time window (contract {@code qoe-cohort-metrics}, version {@link
 * #CURRENT_VERSION}); the input of anomaly detection. Undefined metrics are {@code null}.
 *
 * @param cohort cohort key, e.g. {@code cdn=cdn-a}
 * @param sessions playbacks that ended in the window
 * @param startAttempts sessions minus exits before start
 * @param startFailureRate start failures / start attempts
 * @param rebufferRatio summed rebuffer time / (summed play + rebuffer time)
 * @param startupP50Ms median startup time (sketch, 2 % relative error)
 * @param startupP95Ms 95th percentile startup time (sketch, 2 % relative error)
 */
public record CohortMetrics(
        int v,
        String cohort,
        long windowStart,
        long windowEnd,
        long sessions,
        long startAttempts,
        Double startFailureRate,
        Double rebufferRatio,
        Double startupP50Ms,
        Double startupP95Ms) {

    public static final int CURRENT_VERSION = 1;

    /** The value of {@code metric} in this window, or {@code null} if undefined there. */
    public Double value(QoeMetric metric) {
        return switch (metric) {
            case REBUFFER_RATIO -> rebufferRatio();
            case STARTUP_P95_MS -> startupP95Ms();
            case START_FAILURE_RATE -> startFailureRate();
        };
    }
}
