package io.reelstream.serving;

import java.util.Arrays;

/** Latency percentiles of one kind of serving read, measured by {@link ReadLatencyBenchmark}. */
public record ReadLatency(
        String read, int samples, double p50Millis, double p99Millis, double maxMillis) {

    /** Percentiles (nearest rank) of the given latencies in nanoseconds. */
    public static ReadLatency of(String read, long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples for " + read);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new ReadLatency(
                read,
                sorted.length,
                millis(percentile(sorted, 0.50)),
                millis(percentile(sorted, 0.99)),
                millis(sorted[sorted.length - 1]));
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    @Override
    public String toString() {
        return String.format(
                "read_latency read=%s samples=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f",
                read, samples, p50Millis, p99Millis, maxMillis);
    }
}
