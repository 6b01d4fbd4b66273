package io.reelstream.benchmarks.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Freshness per Cassandra table over the live phase, from periodic samples of the sinks' {@code
 * freshnessMs} histograms (each covers the last minute, at most 1,024 writes per subtask): the p50
 * of the phase is the median of the sampled p50s, the p99 the largest sampled p99.
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

    private final Map<String, List<double[]>> samples = new TreeMap<>();

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

    /** One sample of one table; NaN values (no write in the window) are skipped. */
    public void add(String table, double p50, double p99) {
        if (Double.isNaN(p50) || Double.isNaN(p99)) {
            return;
        }
        samples.computeIfAbsent(table, t -> new ArrayList<>()).add(new double[] {p50, p99});
    }

    /** Freshness of one table over the phase, in ms. */
    public record TableFreshness(String table, double p50Ms, double p99Ms, int samples) {}

    /** Every table sampled, by name. */
    public Map<String, TableFreshness> summary() {
        Map<String, TableFreshness> out = new TreeMap<>();
        for (Map.Entry<String, List<double[]>> entry : samples.entrySet()) {
            List<double[]> values = entry.getValue();
            double[] p50s = values.stream().mapToDouble(v -> v[0]).sorted().toArray();
            double p99 = values.stream().mapToDouble(v -> v[1]).max().orElse(Double.NaN);
            out.put(
                    entry.getKey(),
                    new TableFreshness(entry.getKey(), median(p50s), p99, values.size()));
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
