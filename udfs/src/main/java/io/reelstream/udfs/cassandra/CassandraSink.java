package io.reelstream.udfs.cassandra;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import com.datastax.oss.driver.api.core.CqlSession;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The Flink 2.x (Sink V2) sink for the Cassandra serving tables: prepared statements, async writes,
 * bounded in-flight requests, retries with backoff for idempotent statements, per-key coalescing
 * and a flush of every in-flight write before each checkpoint (at-least-once delivery of
 * idempotent, timestamped writes = exactly-once effect). No Cassandra connector exists for Flink
 * 2.x, hence this one.
 *
 * <pre>{@code
 * stream.sinkTo(CassandraSink.builder(new UserFeaturesTable()).options(options).build())
 *       .uid("user-features-cassandra-sink").name("Cassandra: user_features");
 * }</pre>
 */
public final class CassandraSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final CassandraTable<T> table;
    private final CassandraSettings options;

    private CassandraSink(CassandraTable<T> table, CassandraSettings options) {
        this.table = table;
        this.options = options;
    }

    public static <T> Builder<T> builder(CassandraTable<T> table) {
        return new Builder<>(table);
    }

    public CassandraTable<T> table() {
        return table;
    }

    public CassandraSettings options() {
        return options;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
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

    /** Checks every setting before {@link #build()}. */
    public static final class Builder<T> {
        private final CassandraTable<T> table;
        private CassandraSettings options;

        private Builder(CassandraTable<T> table) {
            this.table = Objects.requireNonNull(table, "table");
        }

        public Builder<T> options(CassandraSettings options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        public CassandraSink<T> build() {
            if (options == null) {
                throw new IllegalStateException("CassandraSink needs options(...)");
            }
            if (table.tableName() == null || table.tableName().isBlank()) {
                throw new IllegalStateException("CassandraTable has no name");
            }
            if (table.cql(options.keyspace()).isEmpty()) {
                throw new IllegalStateException(table.tableName() + " has no CQL");
            }
            return new CassandraSink<>(table, options);
        }
    }
}
