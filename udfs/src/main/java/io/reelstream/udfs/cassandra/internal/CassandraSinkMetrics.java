package io.reelstream.udfs.cassandra.internal;

import io.reelstream.udfs.cassandra.FreshnessBuckets;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The sink's metrics in the Flink dashboard, under {@code cassandra.<table>}: writes and
 * writesPerSecond (rows), retries, failures, rejected (validation), coalesced, batches and
 * batchedRows (multi-row requests and the rows they carried), inFlight (requests), writeLatencyMs
 * and freshnessMs (wall clock minus the event time of each row when its write is acknowledged: how
 * far the serving store lags behind the events), timeDrivenLagMs (the same for rows no event
 * caused, such as a decayed feature vector: how far behind its timer's time it was written). Both
 * histograms cover the last {@link #HISTOGRAM_WINDOW} (at most {@link #HISTOGRAM_CAPACITY} writes),
 * so they show the present at any write rate; {@link FreshnessBuckets} counts every write's
 * freshness cumulatively, for the quantiles of a whole period. Counters and histograms are
 * thread-safe: driver threads complete the writes.
 */
final class CassandraSinkMetrics {

    static final Duration HISTOGRAM_WINDOW = Duration.ofMinutes(1);
    static final int HISTOGRAM_CAPACITY = 1024;

    private final Counter writes;
    private final Counter retries;
    private final Counter failures;
    private final Counter rejected;
    private final Counter coalesced;
    private final Counter batches;
    private final Counter batchedRows;
    private final Histogram writeLatencyMs;
    private final Histogram freshnessMs;
    private final Histogram timeDrivenLagMs;
    private final FreshnessBuckets freshnessBuckets;

    public CassandraSinkMetrics(MetricGroup operatorGroup, String table, IntSupplier inFlight) {
        MetricGroup group = operatorGroup.addGroup("cassandra").addGroup(table);
        this.writes = group.counter("writes", new ThreadSafeSimpleCounter());
        group.meter("writesPerSecond", new MeterView(writes));
        this.retries = group.counter("retries", new ThreadSafeSimpleCounter());
        this.failures = group.counter("failures", new ThreadSafeSimpleCounter());
        this.rejected = group.counter("rejected", new ThreadSafeSimpleCounter());
        this.coalesced = group.counter("coalesced", new ThreadSafeSimpleCounter());
        this.batches = group.counter("batches", new ThreadSafeSimpleCounter());
        this.batchedRows = group.counter("batchedRows", new ThreadSafeSimpleCounter());
        group.gauge("inFlight", (Gauge<Integer>) inFlight::getAsInt);
        this.writeLatencyMs = group.histogram("writeLatencyMs", recentWindow());
        this.freshnessMs = group.histogram("freshnessMs", recentWindow());
        this.timeDrivenLagMs = group.histogram("timeDrivenLagMs", recentWindow());
        this.freshnessBuckets = new FreshnessBuckets(group);
    }

    private static Histogram recentWindow() {
        return new RecentWindowHistogram(HISTOGRAM_WINDOW, HISTOGRAM_CAPACITY);
    }

    /**
     * @param latencyNanos of the successful attempt
     * @param freshnessMs now minus the event time of the row written (negative values, from clock
     *     skew between producers and this machine, are recorded as 0)
     */
    public void written(long latencyNanos, long freshnessMs) {
        writes.inc();
        writeLatencyMs.update(latencyNanos / 1_000_000);
        long fresh = Math.max(0L, freshnessMs);
        this.freshnessMs.update(fresh);
        freshnessBuckets.record(fresh);
    }

    /**
     * A row written because event time passed ({@link CassandraTable#NOT_CAUSED_BY_EVENT}): counted
     * as a write, its lag behind its own timestamp kept apart from the events' freshness.
     */
    public void writtenTimeDriven(long latencyNanos, long lagMs) {
        writes.inc();
        writeLatencyMs.update(latencyNanos / 1_000_000);
        timeDrivenLagMs.update(Math.max(0L, lagMs));
    }

    /** The lag histogram of time-driven rows (for tests and diagnostics). */
    public Histogram timeDrivenLagMs() {
        return timeDrivenLagMs;
    }

    /** The cumulative freshness buckets (for tests and diagnostics). */
    FreshnessBuckets freshnessBuckets() {
        return freshnessBuckets;
    }

    /** The freshness histogram (for tests and diagnostics). */
    public Histogram freshnessMs() {
        return freshnessMs;
    }

    public void retried() {
        retries.inc();
    }

    public void failed() {
        failures.inc();
    }

    public void rejected() {
        rejected.inc();
    }

    public void coalesced() {
        coalesced.inc();
    }

    /** One multi-row batch of {@code rows} rows was submitted. */
    public void batched(int rows) {
        batches.inc();
        batchedRows.inc(rows);
    }

    public long batches() {
        return batches.getCount();
    }

    public long batchedRows() {
        return batchedRows.getCount();
    }

    public long writes() {
        return writes.getCount();
    }

    public long retries() {
        return retries.getCount();
    }

    public long failures() {
        return failures.getCount();
    }

    public long rejectedCount() {
        return rejected.getCount();
    }

    public long coalescedCount() {
        return coalesced.getCount();
    }
}
