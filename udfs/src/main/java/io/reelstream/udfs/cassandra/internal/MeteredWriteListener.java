package io.reelstream.udfs.cassandra.internal;

import io.reelstream.udfs.cassandra.CassandraTable;

import com.datastax.oss.driver.api.core.cql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.LongSupplier;

/**
 * Counts what happens to writes and logs failures as dead letters (table, key, reason; no values,
 * which may hold personal data). A Sink V2 writer has no side output: elements are dead-lettered to
 * the log and the {@code failures} counter; validation errors are dead-lettered as records by
 * {@link CassandraRowValidator} before the sink.
 */
final class MeteredWriteListener<T> implements WriteListener {

    private static final Logger LOG = LoggerFactory.getLogger(MeteredWriteListener.class);

    private final CassandraTable<T> table;
    private final CassandraSinkMetrics metrics;
    private final LongSupplier wallClockMillis;

    MeteredWriteListener(CassandraTable<T> table, CassandraSinkMetrics metrics) {
        this(table, metrics, System::currentTimeMillis);
    }

    /** With the clock freshness is measured against (tests pass their own). */
    MeteredWriteListener(
            CassandraTable<T> table, CassandraSinkMetrics metrics, LongSupplier wallClockMillis) {
        this.table = table;
        this.metrics = metrics;
        this.wallClockMillis = wallClockMillis;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onSuccess(Object element, long latencyNanos) {
        long now = wallClockMillis.getAsLong();
        if (element instanceof WriteBatch batch) {
            for (Object each : batch.elements()) {
                written((T) each, latencyNanos, now);
            }
        } else {
            written((T) element, latencyNanos, now);
        }
    }

    private void written(T element, long latencyNanos, long now) {
        long eventTime = table.eventTimeMillis(element);
        if (eventTime == CassandraTable.NOT_CAUSED_BY_EVENT) {
            long rowTime = Math.floorDiv(table.writeTimestampMicros(element), 1000L);
            metrics.writtenTimeDriven(latencyNanos, now - rowTime);
        } else {
            metrics.written(latencyNanos, now - eventTime);
        }
    }

    @Override
    public void onRetry(Statement<?> statement, int attempt, Throwable error) {
        metrics.retried();
        if (attempt == 1 || attempt % 10 == 0) {
            LOG.warn(
                    "Write to {} failed (attempt {}), retrying with backoff: {}",
                    table.tableName(),
                    attempt,
                    WriteErrors.describe(error));
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onFailure(Statement<?> statement, Object element, Throwable error) {
        if (element instanceof WriteBatch batch) {
            for (Object each : batch.elements()) {
                onFailure(statement, each, error);
            }
            return;
        }
        metrics.failed();
        LOG.error(
                "Dead letter: write to {} for key {} failed permanently ({}): {}",
                table.tableName(),
                table.coalesceKey((T) element),
                io.reelstream.schemas.deadletter.RejectReason.WRITE_REJECTED,
                WriteErrors.describe(error));
    }
}
