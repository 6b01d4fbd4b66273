package io.reelstream.udfs.cassandra.internal;

import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogramStatistics;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A histogram over the values recorded in the last {@code window} of time (at most the newest
 * {@code capacity} of them), so its quantiles describe now whatever the write rate. Flink's
 * count-windowed {@code DescriptiveStatisticsHistogram} keeps the last N values for as long as they
 * take to arrive: for a table written a few times a minute (QoE summaries, alerts) that is an hour,
 * and one burst of old rows dominated its freshness p99 long after it ended. Thread-safe: driver
 * threads record, the metric reporter reads.
 */
final class RecentWindowHistogram implements Histogram {

    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final long[] values;
    private final long[] recordedAt;
    private int next;
    private int size;
    private long count;

    public RecentWindowHistogram(Duration window, int capacity) {
        this(window, capacity, System::nanoTime);
    }

    /** With the monotonic clock (nanoseconds) the window is measured on; tests pass their own. */
    RecentWindowHistogram(Duration window, int capacity, LongSupplier nanoClock) {
        if (window.isNegative() || window.isZero() || capacity <= 0) {
            throw new IllegalArgumentException("window and capacity must be > 0");
        }
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
        this.values = new long[capacity];
        this.recordedAt = new long[capacity];
    }

    @Override
    public synchronized void update(long value) {
        values[next] = value;
        recordedAt[next] = nanoClock.getAsLong();
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
        count++;
    }

    /** Every value ever recorded, as Flink histograms count. */
    @Override
    public synchronized long getCount() {
        return count;
    }

    /**
     * Statistics of the values recorded within the window; if none is that recent, of the newest
     * value alone (the latest known, rather than NaN quantiles that a max over subtasks in the REST
     * API turns into NaN for the whole operator). NaN quantiles only before the first value.
     */
    @Override
    public synchronized HistogramStatistics getStatistics() {
        long now = nanoClock.getAsLong();
        double[] recent = new double[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            int slot = Math.floorMod(next - 1 - i, values.length);
            if (i > 0 && now - recordedAt[slot] > windowNanos) {
                break; // older slots are older still
            }
            recent[n++] = values[slot];
        }
        double[] inWindow = new double[n];
        System.arraycopy(recent, 0, inWindow, 0, n);
        return new DescriptiveStatisticsHistogramStatistics(inWindow);
    }
}
