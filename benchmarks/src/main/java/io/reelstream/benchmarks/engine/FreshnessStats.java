package io.reelstream.benchmarks.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Freshness per Cassandra table over the live phase, from periodic samples of the sinks' {@code
 * freshnessMs} histograms (each covers the last minute, at most 1,024 writes per subtask): the p50
 * of the phase is the median of the sampled p50s, the p99 the largest sampled p99.
 */
public final class FreshnessStats {

    private final Map<String, List<double[]>> samples = new TreeMap<>();

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
