package io.reelstream.udfs.cassandra.internal;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.BootstrappingException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.ServerError;
import com.datastax.oss.driver.api.core.servererrors.TruncateException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Sorts write failures into transient (worth retrying an idempotent write: timeouts, unavailable,
 * overloaded, node down, connection lost) and permanent (the same write would fail again: invalid
 * query, wrong type, unauthorized, ...). Permanent failures are dead-lettered, never retried.
 */
final class WriteErrors {

    private WriteErrors() {}

    /** Whether retrying the same idempotent write later can succeed. */
    public static boolean isTransient(Throwable error) {
        Throwable e = unwrap(error);
        return e instanceof DriverTimeoutException
                || e instanceof AllNodesFailedException // includes NoNodeAvailableException
                || e instanceof UnavailableException
                // read/write timeouts and write failures (CASSANDRA-21644 shows as one)
                || e instanceof QueryConsistencyException
                || e instanceof OverloadedException
                || e instanceof BootstrappingException
                || e instanceof TruncateException
                || e instanceof ServerError
                || e instanceof ClosedConnectionException
                || e instanceof HeartbeatException
                || e instanceof BusyConnectionException
                || e instanceof IOException;
    }

    /** The cause behind future wrappers. */
    public static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** A short description for logs and dead letters: type and message, no statement values. */
    public static String describe(Throwable error) {
        Throwable e = unwrap(error);
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
