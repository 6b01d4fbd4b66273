package io.reelstream.schemas.qoe;

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
}
