package io.reelstream.benchmarks.engine;

import io.reelstream.benchmarks.engine.FreshnessStats.TableFreshness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The engine benchmark's output: a table per job, the freshness per table, and the last line of
 * {@code key=value} figures that decides issue 15 (missing figures print as {@code n/a}).
 */
public final class EngineBenchReport {

    /** Output key per job short name, in the order of the last line. */
    static final Map<String, String> RATE_KEYS = new LinkedHashMap<>();

    static {
        RATE_KEYS.put(BenchJob.PASSTHROUGH, "passthrough_events_per_s");
        RATE_KEYS.put("session-features", "features_events_per_s");
        RATE_KEYS.put("continue-watching", "continue_watching_events_per_s");
        RATE_KEYS.put("recommendations", "recommendations_events_per_s");
        RATE_KEYS.put("qoe", "qoe_events_per_s");
    }

    /** Jobs whose tables count for {@code freshness_p99_ms}. */
    static final Set<String> FRESHNESS_JOBS =
            Set.of("session-features", "continue-watching", "recommendations");

    /**
     * Tables of those jobs that do not count for {@code freshness_p99_ms}: {@code item_factors}
     * holds the shows' model vectors (the vector-search index), not a member's row. One interaction
     * moves a show's vector by one learning step, so its writes are throttled per show over {@code
     * reelstream.recommendations.item-factors-write-interval} (60 s) by design; its p99 is reported
     * apart. {@code similar_titles} (a show's "watched together" neighbours) is coalesced per show
     * the same way ({@code similar-titles-write-interval}).
     */
    static final Set<String> COALESCED_MODEL_TABLES = Set.of("item_factors", "similar_titles");

    private EngineBenchReport() {}

    /** Header and one row per run. */
    public static List<String> catchUpTable(Collection<JobFigures> runs) {
        List<String> lines = new ArrayList<>();
        lines.add(
                String.format(
                        Locale.ROOT,
                        "%-23s %10s %8s %8s %9s %11s %9s %11s %9s %8s %9s %11s %11s %8s %12s %12s",
                        "job",
                        "input",
                        "fetch_s",
                        "secs",
                        "events/s",
                        "jvm_us/ev",
                        "jit_us/ev",
                        "cass_us/ev",
                        "rows/ev",
                        "rows/req",
                        "kafka/ev",
                        "rocks_B/ev",
                        "compact_B/ev",
                        "cp_ms",
                        "cp_state_B",
                        "cp_upload_B"));
        for (JobFigures f : runs) {
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "%-23s %10d %8.1f %8.1f %9s %11s %9s %11s %9s %8s %9s %11s %11s %8d %12d %12d",
                            f.job(),
                            f.inputRecords(),
                            f.fetchSeconds(),
                            f.seconds(),
                            number(f.eventsPerSecond(), 0),
                            number(f.jvmCpuMicrosPerEvent(), 1),
                            number(f.jitCpuMicrosPerEvent(), 1),
                            number(f.cassandraCpuMicrosPerEvent(), 1),
                            number(f.cassandraRowsPerEvent(), 3),
                            number(f.cassandraRowsPerRequest(), 2),
                            number(f.kafkaRecordsPerEvent(), 3),
                            number(f.rocksBytesWrittenPerEvent(), 0),
                            number(f.rocksCompactionBytesPerEvent(), 0),
                            f.checkpointMs(),
                            f.checkpointStateBytes(),
                            f.checkpointedBytes()));
        }
        return lines;
    }

    /** One line per (job, table) of the live phase. */
    public static List<String> freshnessTable(Map<String, Map<String, TableFreshness>> byJob) {
        List<String> lines = new ArrayList<>();
        lines.add(
                String.format(
                        Locale.ROOT,
                        "%-18s %-28s %8s %8s %14s %8s %9s",
                        "job",
                        "table",
                        "p50_ms",
                        "p99_ms",
                        "worst_window",
                        "samples",
                        "writes"));
        byJob.forEach(
                (job, tables) ->
                        tables.values()
                                .forEach(
                                        t ->
                                                lines.add(
                                                        String.format(
                                                                Locale.ROOT,
                                                                "%-18s %-28s %8s %8s %14s %8d %9s",
                                                                job,
                                                                t.table(),
                                                                number(t.p50Ms(), 0),
                                                                number(t.p99Ms(), 0),
                                                                number(t.worstWindowP99Ms(), 0),
                                                                t.samples(),
                                                                t.writes() > 0
                                                                        ? Long.toString(t.writes())
                                                                        : "-"))));
        return lines;
    }

    /**
     * The largest p99 over the members' tables of features, continue watching and recommendations
     * ({@code user_features}, {@code continue_watching}, {@code recommendations}, {@code
     * user_factors}; not {@link #COALESCED_MODEL_TABLES}).
     */
    public static double freshnessP99(Map<String, Map<String, TableFreshness>> byJob) {
        return largestP99(byJob, false, TableFreshness::p99Ms);
    }

    /** The largest worst-window p99 over the same tables as {@link #freshnessP99}. */
    public static double freshnessWorstWindowP99(Map<String, Map<String, TableFreshness>> byJob) {
        return largestP99(byJob, false, TableFreshness::worstWindowP99Ms);
    }

    /**
     * The largest p99 of {@link #COALESCED_MODEL_TABLES} ({@code item_factors}, {@code
     * similar_titles}).
     */
    public static double coalescedModelP99(Map<String, Map<String, TableFreshness>> byJob) {
        return largestP99(byJob, true, TableFreshness::p99Ms);
    }

    private static double largestP99(
            Map<String, Map<String, TableFreshness>> byJob,
            boolean coalescedModel,
            ToDoubleFunction<TableFreshness> quantile) {
        double max = Double.NaN;
        for (Map.Entry<String, Map<String, TableFreshness>> job : byJob.entrySet()) {
            if (!FRESHNESS_JOBS.contains(job.getKey())) {
                continue;
            }
            for (TableFreshness t : job.getValue().values()) {
                if (COALESCED_MODEL_TABLES.contains(t.table()) != coalescedModel) {
                    continue;
                }
                double p99 = quantile.applyAsDouble(t);
                if (!Double.isNaN(p99) && !t.table().endsWith(FreshnessStats.TIME_DRIVEN)) {
                    max = Double.isNaN(max) ? p99 : Math.max(max, p99);
                }
            }
        }
        return max;
    }

    /**
     * {@code failed checkpoints during the bench: total=… (run=… …)}: every run's failed
     * checkpoints, read before its jobs were cancelled; the issue wants none.
     *
     * @param byRun failed checkpoints of each run's jobs, by run name, in run order
     */
    public static String failedCheckpointsLine(Map<String, Long> byRun) {
        StringBuilder runs = new StringBuilder();
        byRun.forEach(
                (run, failed) ->
                        runs.append(runs.isEmpty() ? "" : " ")
                                .append(run)
                                .append('=')
                                .append(failed));
        long total = byRun.values().stream().mapToLong(Long::longValue).sum();
        return "failed checkpoints during the bench: total=" + total + " (" + runs + ")";
    }

    /**
     * The last line: {@code passthrough_events_per_s=… features_events_per_s=…
     * continue_watching_events_per_s=… recommendations_events_per_s=… qoe_events_per_s=…
     * engine_events_per_s=… features_cpu_us_per_event=… freshness_p99_ms=…}.
     *
     * @param alone each job's run alone, by short name
     * @param together the run of all jobs together, or null
     * @param freshnessP99Ms from {@link #freshnessP99}
     */
    public static String lastLine(
            Map<String, JobFigures> alone, JobFigures together, double freshnessP99Ms) {
        StringBuilder line = new StringBuilder();
        RATE_KEYS.forEach(
                (job, key) -> {
                    JobFigures f = alone.get(job);
                    line.append(key)
                            .append('=')
                            .append(number(f == null ? Double.NaN : f.eventsPerSecond(), 0))
                            .append(' ');
                });
        JobFigures features = alone.get("session-features");
        line.append("engine_events_per_s=")
                .append(number(together == null ? Double.NaN : together.eventsPerSecond(), 0))
                .append(" features_cpu_us_per_event=")
                .append(number(features == null ? Double.NaN : features.jvmCpuMicrosPerEvent(), 1))
                .append(" freshness_p99_ms=")
                .append(number(freshnessP99Ms, 0));
        return line.toString();
    }

    /**
     * {@code value} with {@code decimals} decimals, {@code n/a} for NaN, {@code inf} for infinity
     * (a quantile past the last freshness bucket).
     */
    static String number(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Double.isInfinite(value)) {
            return "inf";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
