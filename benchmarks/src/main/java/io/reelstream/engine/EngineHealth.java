package io.reelstream.engine;

import io.reelstream.engine.FlinkRestProbe.Aggregate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the progress line of {@code reelstream run} shows about each running job, from the Flink
 * REST API: its sources' lag ({@code pendingRecords}, the records not fetched yet), the p99
 * freshness of every Cassandra table it writes (the sinks' {@code freshnessMs} histograms over the
 * last minute), and whether it is falling behind ({@link LagTrend}). "jobs running 4/4" alone hides
 * a lagging engine.
 */
public final class EngineHealth {

    /** A source's records not fetched yet (FLIP-33 {@code pendingRecords}). */
    public static final Predicate<String> SOURCE_LAG = FlinkRestProbe.endingWith(".pendingRecords");

    private static final Pattern FRESHNESS_P99 =
            Pattern.compile("cassandra\\.([a-z0-9_]+)\\.freshnessMs_p99$");

    /** Samples that must each show a growing lag before a job is reported as falling behind. */
    public static final int TREND_SAMPLES = 3;

    /** Lags below this (records) are never reported as falling behind. */
    static final long TREND_FLOOR = 1_000;

    private final FlinkRestProbe probe;
    private final Map<String, LagTrend> trends = new HashMap<>();

    public EngineHealth(FlinkRestProbe probe) {
        this.probe = probe;
    }

    /** One running job's health. */
    public record JobHealth(
            String name,
            long lagRecords,
            Map<String, Double> freshnessP99Ms,
            boolean fallingBehind) {

        /** {@code name lag N [table p99 X s ...]}. */
        public String describe() {
            StringBuilder line =
                    new StringBuilder(name)
                            .append(" lag ")
                            .append(String.format("%,d", lagRecords));
            freshnessP99Ms.forEach(
                    (table, ms) ->
                            line.append(' ')
                                    .append(table)
                                    .append(String.format(Locale.ROOT, " p99 %.1f s", ms / 1000)));
            return line.toString();
        }
    }

    /** Samples every running job once. */
    public List<JobHealth> sample() throws IOException, InterruptedException {
        List<JobHealth> jobs = new ArrayList<>();
        for (FlinkRestProbe.Job job : probe.jobs()) {
            if (!"RUNNING".equals(job.state())) {
                continue;
            }
            long lag = (long) probe.metric(job.id(), SOURCE_LAG, Aggregate.SUM);
            Map<String, Double> freshness = new TreeMap<>();
            for (FlinkRestProbe.MetricValue value :
                    probe.metricValues(
                            job.id(), id -> FRESHNESS_P99.matcher(id).find(), Aggregate.MAX)) {
                Matcher m = FRESHNESS_P99.matcher(value.id());
                if (m.find() && !Double.isNaN(value.value())) {
                    freshness.merge(m.group(1), value.value(), Math::max);
                }
            }
            boolean behind =
                    trends.computeIfAbsent(job.id(), id -> new LagTrend(TREND_SAMPLES, TREND_FLOOR))
                            .add(lag);
            jobs.add(new JobHealth(job.name(), lag, freshness, behind));
        }
        return jobs;
    }
}
