package io.reelstream.udfs.qoe;

/**
 * A metric's learned baseline: double exponential smoothing (Holt: level + trend) with an
 * exponentially weighted variance of the one-step forecast error, as Netflix Mantis' anomaly
 * detectors do. A Flink POJO; {@code v} versions the update rule.
 */
public class HoltBaseline {

    public static final int CURRENT_VERSION = 1;

    public int v = CURRENT_VERSION;
    public double level;
    public double trend;
    public double variance;
    public long observations;

    public HoltBaseline() {}

    /** The one-step-ahead forecast (the level alone until a trend exists). */
    public double forecast() {
        return level + trend;
    }

    /** Standard deviation of recent forecast errors. */
    public double deviation() {
        return Math.sqrt(variance);
    }

    /**
     * Learns one observation.
     *
     * @param levelSmoothing alpha in (0, 1]: weight of the new value in the level
     * @param trendSmoothing beta in [0, 1]: weight of the new slope in the trend
     */
    public void update(double value, double levelSmoothing, double trendSmoothing) {
        if (observations == 0) {
            level = value;
            trend = 0;
            variance = 0;
        } else {
            double error = value - forecast();
            double previousLevel = level;
            level = levelSmoothing * value + (1 - levelSmoothing) * (level + trend);
            trend = trendSmoothing * (level - previousLevel) + (1 - trendSmoothing) * trend;
            variance = (1 - levelSmoothing) * variance + levelSmoothing * error * error;
        }
        observations++;
    }
}
