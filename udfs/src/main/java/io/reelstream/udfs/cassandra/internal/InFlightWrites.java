package io.reelstream.udfs.cassandra.internal;

import com.datastax.oss.driver.api.core.cql.Statement;

import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The asynchronous write pipe of the sink: at most {@code maxInFlight} requests at once ({@link
 * #submit} blocks when full, which is backpressure into Flink, not an unbounded queue), transient
 * failures of idempotent statements retried with exponential backoff while holding their permit,
 * permanent failures reported and dropped, and {@link #awaitAll} to drain before a checkpoint.
 *
 * <p>If a write still fails after the maximum attempts, the pipe turns fatal: the next {@link
 * #submit} or {@link #awaitAll} throws, the job fails before its checkpoint completes and restarts
 * from the previous one, so nothing is lost.
 */
final class InFlightWrites {

    private static final long POLL_MILLIS = 100;

    private final int maxInFlight;
    private final Semaphore permits;
    private final StatementExecutor executor;
    private final ScheduledExecutorService retryScheduler;
    private final ExponentialBackoff backoff;
    private final int maxAttempts;
    private final WriteListener listener;
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();

    public InFlightWrites(
            int maxInFlight,
            StatementExecutor executor,
            ScheduledExecutorService retryScheduler,
            ExponentialBackoff backoff,
            int maxAttempts,
            WriteListener listener) {
        if (maxInFlight <= 0 || maxAttempts <= 0) {
            throw new IllegalArgumentException("maxInFlight and maxAttempts must be > 0");
        }
        this.maxInFlight = maxInFlight;
        this.permits = new Semaphore(maxInFlight);
        this.executor = executor;
        this.retryScheduler = retryScheduler;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.listener = listener;
    }

    /**
     * Sends {@code statement}, blocking while {@code maxInFlight} writes are outstanding.
     *
     * @param element the element written, handed back to the listener on failure
     * @throws IOException if an earlier write exhausted its retries
     */
    public void submit(Statement<?> statement, Object element)
            throws IOException, InterruptedException {
        throwIfFatal();
        while (!permits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            throwIfFatal();
        }
        if (fatal.get() != null) {
            permits.release();
            throwIfFatal();
        }
        attempt(statement, element, 1);
    }

    /** Waits until every submitted write has succeeded or been dropped. */
    public void awaitAll() throws IOException, InterruptedException {
        while (!permits.tryAcquire(maxInFlight, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            throwIfFatal();
        }
        permits.release(maxInFlight);
        throwIfFatal();
    }

    /** Requests currently outstanding, including those waiting for a retry. */
    public int inFlight() {
        return maxInFlight - permits.availablePermits();
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    private void attempt(Statement<?> statement, Object element, int attempt) {
        long start = System.nanoTime();
        try {
            executor.executeAsync(statement)
                    .whenComplete(
                            (result, error) ->
                                    onComplete(statement, element, attempt, start, error));
        } catch (RuntimeException e) {
            onComplete(statement, element, attempt, start, e);
        }
    }

    private void onComplete(
            Statement<?> statement, Object element, int attempt, long start, Throwable error) {
        if (error == null) {
            listener.onSuccess(element, System.nanoTime() - start);
            permits.release();
            return;
        }
        boolean retryable =
                WriteErrors.isTransient(error) && Boolean.TRUE.equals(statement.isIdempotent());
        if (!retryable) {
            listener.onFailure(statement, element, error);
            permits.release();
            return;
        }
        if (attempt >= maxAttempts) {
            fatal.compareAndSet(
                    null,
                    new IOException(
                            "Cassandra write failed "
                                    + attempt
                                    + " times, giving up: "
                                    + WriteErrors.describe(error),
                            WriteErrors.unwrap(error)));
            permits.release();
            return;
        }
        listener.onRetry(statement, attempt, error);
        try {
            retryScheduler.schedule(
                    () -> attempt(statement, element, attempt + 1),
                    backoff.delayMillis(attempt),
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException rejected) {
            // Scheduler shut down: the writer is closing, nobody waits for this write any more.
            permits.release();
        }
    }

    private void throwIfFatal() throws IOException {
        Throwable e = fatal.get();
        if (e != null) {
            throw new IOException(e.getMessage(), e.getCause());
        }
    }
}
