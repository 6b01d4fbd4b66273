package io.reelstream.udfs.cassandra.internal;

import io.reelstream.udfs.cassandra.CassandraSettings;
import io.reelstream.udfs.cassandra.CassandraTable;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import com.datastax.oss.driver.api.core.CqlSession;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one way into the sink's machinery: {@code CassandraSink} asks it for a writer, and every
 * other class of this package stays package-private.
 */
public final class CassandraWriterFactory {

    private CassandraWriterFactory() {}

    /**
     * Opens a writer of {@code table}: a shared session, prepared statements, the in-flight pipe.
     */
    public static <T> SinkWriter<T> create(
            CassandraTable<T> table, CassandraSettings options, WriterInitContext context) {
        SharedSessions.Lease lease = SharedSessions.acquire(options);
        CqlSession session = lease.session();
        ScheduledExecutorService retryScheduler =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread t = new Thread(runnable, "cassandra-retry-" + table.tableName());
                            t.setDaemon(true);
                            return t;
                        });
        AutoCloseable resources =
                () -> {
                    retryScheduler.shutdownNow();
                    lease.close();
                };
        try {
            StatementFactory<T> statements =
                    PreparedStatements.prepare(session, table, options.keyspace());
            InFlightWritesHolder holder = new InFlightWritesHolder();
            CassandraSinkMetrics metrics =
                    new CassandraSinkMetrics(
                            context.metricGroup(), table.tableName(), holder::inFlight);
            holder.writes =
                    new InFlightWrites(
                            options.maxInFlightFor(table),
                            session::executeAsync,
                            retryScheduler,
                            new ExponentialBackoff(
                                    options.retryInitialBackoff(), options.retryMaxBackoff()),
                            options.retryMaxAttempts(),
                            new MeteredWriteListener<>(table, metrics));
            return new CassandraSinkWriter<>(
                    table,
                    options,
                    statements,
                    holder.writes,
                    metrics,
                    context.getProcessingTimeService(),
                    resources);
        } catch (RuntimeException e) {
            retryScheduler.shutdownNow();
            lease.close();
            throw e;
        }
    }

    /** Lets the inFlight gauge be registered before the pipe it reads exists. */
    private static final class InFlightWritesHolder {
        private InFlightWrites writes;

        int inFlight() {
            return writes == null ? 0 : writes.inFlight();
        }
    }
}
