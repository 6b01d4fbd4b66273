package io.reelstream.udfs.qoe;

/**
 * Add / merge intermediate of one cohort over one window (a Flink POJO, {@code v} versions it):
 * session and failure counts, summed play and rebuffer time, and a startup-time sketch.
 */
public class CohortAccumulator {

    public static final int CURRENT_VERSION = 1;

    public int v = CURRENT_VERSION;
    public long sessions;
    public long startFailures;
    public long exitsBeforeStart;
    public long rebufferMs;
    public long playMs;
    public LogHistogramSketch startup = new LogHistogramSketch();

    public CohortAccumulator() {}

    public CohortAccumulator add(CohortSample sample) {
        sessions++;
        startFailures += sample.startFailure() ? 1 : 0;
        exitsBeforeStart += sample.exitBeforeStart() ? 1 : 0;
        rebufferMs += sample.rebufferMs();
        playMs += sample.playMs();
        if (sample.startupMs() != null) {
            startup.add(sample.startupMs());
        }
        return this;
    }

    public CohortAccumulator merge(CohortAccumulator other) {
        sessions += other.sessions;
        startFailures += other.startFailures;
        exitsBeforeStart += other.exitsBeforeStart;
        rebufferMs += other.rebufferMs;
        playMs += other.playMs;
        startup.merge(other.startup);
        return this;
    }

    /** The window's metrics; start-failure rate excludes exits before start (CTA-2066 VSF). */
    public CohortMetrics result(String cohort, long windowStart, long windowEnd) {
        long attempts = sessions - exitsBeforeStart;
        long watched = playMs + rebufferMs;
        return new CohortMetrics(
                CohortMetrics.CURRENT_VERSION,
                cohort,
                windowStart,
                windowEnd,
                sessions,
                attempts,
                attempts == 0 ? null : (double) startFailures / attempts,
                watched == 0 ? null : (double) rebufferMs / watched,
                startup.count == 0 ? null : startup.quantile(0.5),
                startup.count == 0 ? null : startup.quantile(0.95));
    }
}
