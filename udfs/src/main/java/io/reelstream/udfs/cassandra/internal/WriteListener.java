package io.reelstream.udfs.cassandra.internal;

import com.datastax.oss.driver.api.core.cql.Statement;

/** What {@link InFlightWrites} reports: metrics and dead-letter logging hook in here. */
interface WriteListener {

    /**
     * A write succeeded after {@code latencyNanos} (of the successful attempt).
     *
     * @param element the element written
     */
    void onSuccess(Object element, long latencyNanos);

    /** A transient failure; the write is retried after a backoff. */
    void onRetry(Statement<?> statement, int attempt, Throwable error);

    /** The write failed permanently (or transiently but may not be retried) and is dropped. */
    void onFailure(Statement<?> statement, Object element, Throwable error);
}
