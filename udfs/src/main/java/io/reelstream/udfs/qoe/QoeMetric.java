package io.reelstream.udfs.qoe;

/**
 * Cohort metrics watched for anomalies. Higher is worse for each; {@code minDeviation} is the
 * smallest rise worth an alert, so a very stable baseline does not alert on noise.
 */
public enum QoeMetric {
    REBUFFER_RATIO(0.02),
    STARTUP_P95_MS(500.0),
    START_FAILURE_RATE(0.02);

    private final double minDeviation;

    QoeMetric(double minDeviation) {
        this.minDeviation = minDeviation;
    }

    public double minDeviation() {
        return minDeviation;
    }

    /** The metric's value in a window, or {@code null} if undefined there. */
    public Double valueOf(CohortMetrics metrics) {
        return switch (this) {
            case REBUFFER_RATIO -> metrics.rebufferRatio();
            case STARTUP_P95_MS -> metrics.startupP95Ms();
            case START_FAILURE_RATE -> metrics.startFailureRate();
        };
    }
}
