package io.reelstream.udfs.cassandra;

import io.reelstream.schemas.deadletter.Rejection;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * How one element type is written to one serving table: the CQL to prepare, validation before any
 * write, and binding. One implementation per serving table; the generic {@code CassandraSink} does
 * the rest (async, bounded, retried, flushed on checkpoint, coalesced per key).
 *
 * <p>Every statement must be idempotent and carry {@code USING TIMESTAMP} (from {@link
 * #writeTimestampMicros}) so replays and older events never overwrite newer data; unset, never
 * null, for absent values (no tombstones).
 */
public interface CassandraTable<T> extends Serializable {

    /** Table name, used in metric names and logs. */
    String tableName();

    /** CQL statements prepared once per writer, with {@code keyspace} substituted. */
    List<String> cql(String keyspace);

    /**
     * Idempotent statements a writer runs once when it starts, before any element is written (e.g.
     * registering the names of a feature set version). None by default.
     */
    default List<String> setup(String keyspace) {
        return List.of();
    }

    /** A reason to reject the element before any write (e.g. wrong vector dimension). */
    Optional<Rejection> validate(T element);

    /**
     * The primary key the element overwrites. Elements with equal keys that are still buffered may
     * be coalesced: only the one with the highest write timestamp is written.
     */
    Object coalesceKey(T element);

    /** The {@code USING TIMESTAMP} value in microseconds, derived from event time / version. */
    long writeTimestampMicros(T element);

    /** {@link #eventTimeMillis} of a row that no event caused (a timer's decay or expiry). */
    long NOT_CAUSED_BY_EVENT = Long.MIN_VALUE;

    /**
     * The event time the row reflects, epoch ms, for the sink's {@code freshnessMs} histogram (now
     * minus this when the write is acknowledged). Defaults to the write timestamp, which every
     * table derives from event time (sub-millisecond tie-breakers are dropped). {@link
     * #NOT_CAUSED_BY_EVENT} for a row written because event time passed: its lag behind its
     * timestamp goes to {@code timeDrivenLagMs} instead, since no produced event waited for it.
     */
    default long eventTimeMillis(T element) {
        return Math.floorDiv(writeTimestampMicros(element), 1000L);
    }

    /**
     * Statements that write the element, bound from {@code prepared} (index-aligned with {@link
     * #cql}). All statements must target one partition; more than one is sent as an unlogged
     * single-partition batch.
     */
    List<BoundStatement> bind(List<PreparedStatement> prepared, T element);

    /**
     * Whether the table has a vector (SAI ANN) index: writes to it are capped at {@link
     * CassandraOptions#VECTOR_MAX_IN_FLIGHT} in flight (CASSANDRA-21644 on small nodes).
     */
    default boolean hasVectorIndex() {
        return false;
    }

    /**
     * Whether the statements may be sent twice with the same effect, which allows retries. True for
     * timestamped upserts; override with {@code false} for counter updates or list appends.
     */
    default boolean idempotent() {
        return true;
    }
}
