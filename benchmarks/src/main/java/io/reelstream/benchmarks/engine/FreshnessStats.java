package io.reelstream.benchmarks.engine;

import io.reelstream.udfs.cassandra.FreshnessBuckets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Freshness per Cassandra table over the live phase. The p50 and p99 of the phase come from the
 * sinks' cumulative {@code freshnessMsBucket} counters: their growth over the phase, summed over
 * subtasks, is the distribution of every write in it, and a quantile is reported as the upper edge
 * of the bucket that holds it (an upper bound, to the buckets' resolution). Beside it, the worst
 * window: the largest p99 of the periodic samples of the sinks' recent-window {@code freshnessMs}
 * histograms (each covers the last minute but at most 1,024 writes of one subtask, so at live rates
 * a second or two: it shows a spike, not the phase). Tables without bucket counters (the
 * time-driven lag) fall back to the samples: the median of the sampled p50s, the worst window.
 */
public final class FreshnessStats {

    /**
     * The sinks' freshness histograms as the REST API names them ({@code
     * <sink>.cassandra.<table>.freshnessMs_median}, {@code ..._p99}).
     */
    static final Pattern METRIC =
            Pattern.compile(
                    "cassandra\\.([a-z0-9_]+)\\.(freshnessMs|timeDrivenLagMs)_(median|p99)$");

    /**
     * Suffix of the entry for a table's rows that no event caused ({@code timeDrivenLagMs}: a
     * decayed feature vector), reported beside its freshness but not part of it.
     */
    public static final String TIME_DRIVEN = " (time-driven)";

    /**
     * The sinks' cumulative freshness bucket counters ({@code
     * <sink>.cassandra.<table>.freshnessMsBucket.le<edge>}, {@code ...leInf}).
     */
    static final Pattern BUCKET_METRIC =
            Pattern.compile("cassandra\\.([a-z0-9_]+)\\.freshnessMsBucket\\.le([0-9]+|Inf)$");

    private final Map<String, List<double[]>> samples = new TreeMap<>();
    private final Map<String, long[]> phaseCounts = new TreeMap<>();

    /** A freshness histogram metric: the table and the quantile ({@code median} or {@code p99}). */
    record Metric(String table, boolean median) {}

    /** The table and quantile of a metric id, if it is a sink's freshness histogram. */
    static Optional<Metric> metric(String metricId) {
        Matcher m = METRIC.matcher(metricId);
        if (!m.find()) {
            return Optional.empty();
        }
        String table = m.group(2).equals("freshnessMs") ? m.group(1) : m.group(1) + TIME_DRIVEN;
        return Optional.of(new Metric(table, m.group(3).equals("median")));
    }

    /** A bucket counter: its table and bucket index (see {@link FreshnessBuckets}). */
    record Bucket(String table, int index) {}

    /** The table and bucket of a metric id, if it is a sink's freshness bucket counter. */
    static Optional<Bucket> bucket(String metricId) {
        Matcher m = BUCKET_METRIC.matcher(metricId);
        if (!m.find()) {
            return Optional.empty();
        }
        long[] edges = FreshnessBuckets.UPPER_EDGES_MS;
        if (m.group(2).equals("Inf")) {
            return Optional.of(new Bucket(m.group(1), edges.length));
        }
        long edge = Long.parseLong(m.group(2));
        for (int i = 0; i < edges.length; i++) {
            if (edges[i] == edge) {
                return Optional.of(new Bucket(m.group(1), i));
            }
        }
        return Optional.empty();
    }

    /** An empty array of bucket counts, one per {@link FreshnessBuckets} bucket. */
    static long[] emptyCounts() {
        return new long[FreshnessBuckets.UPPER_EDGES_MS.length + 1];
    }

    /** The writes of one table during the phase, per bucket (end counts minus start counts). */
    public void phaseCounts(String table, long[] counts) {
        phaseCounts.put(table, counts.clone());
    }

    /**
     * The {@code q} quantile of bucketed counts as the upper edge of the bucket holding its rank
     * (nearest rank); infinity past the last edge, NaN without counts.
     */
    static double bucketQuantile(long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total <= 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        long[] edges = FreshnessBuckets.UPPER_EDGES_MS;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i < edges.length ? edges[i] : Double.POSITIVE_INFINITY;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** One sample of one table; NaN values (no write in the window) are skipped. */
    public void add(String table, double p50, double p99) {
        if (Double.isNaN(p50) || Double.isNaN(p99)) {
            return;
        }
        samples.computeIfAbsent(table, t -> new ArrayList<>()).add(new double[] {p50, p99});
    }

    /**
     * Freshness of one table over the phase, in ms: p50 and p99 of every write in it ({@code
     * writes} of them; 0 when it had no bucket counters and the figures come from the samples), and
     * the largest p99 of the sampled windows.
     */
    public record TableFreshness(
            String table,
            double p50Ms,
            double p99Ms,
            double worstWindowP99Ms,
            int samples,
            long writes) {}

    /** Every table sampled or counted, by name. */
    public Map<String, TableFreshness> summary() {
        Map<String, TableFreshness> out = new TreeMap<>();
        Set<String> tables = new TreeSet<>(samples.keySet());
        tables.addAll(phaseCounts.keySet());
        for (String table : tables) {
            List<double[]> values = samples.getOrDefault(table, List.of());
            double[] p50s = values.stream().mapToDouble(v -> v[0]).sorted().toArray();
            double worst = values.stream().mapToDouble(v -> v[1]).max().orElse(Double.NaN);
            long[] counts = phaseCounts.get(table);
            long writes = counts == null ? 0 : Arrays.stream(counts).sum();
            if (writes > 0) {
                out.put(
                        table,
                        new TableFreshness(
                                table,
                                bucketQuantile(counts, 0.50),
                                bucketQuantile(counts, 0.99),
                                worst,
                                values.size(),
                                writes));
            } else if (!values.isEmpty()) {
                out.put(
                        table,
                        new TableFreshness(table, median(p50s), worst, worst, values.size(), 0));
            }
        }
        return out;
    }

    static double median(double[] sorted) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The {@code q} quantile (0..1, nearest rank) of {@code values}; NaN if empty. */
    public static double quantile(List<Long> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
