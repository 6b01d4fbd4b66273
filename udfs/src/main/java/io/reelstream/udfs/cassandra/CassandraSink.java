package io.reelstream.udfs.cassandra;

import io.reelstream.udfs.cassandra.internal.CassandraWriterFactory;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.Objects;

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
        return CassandraWriterFactory.create(table, options, context);
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
