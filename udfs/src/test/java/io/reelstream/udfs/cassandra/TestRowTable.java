package io.reelstream.udfs.cassandra;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.deadletter.Rejection;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import java.util.List;
import java.util.Optional;

/** A table of {@link TestRow}s with a 4-dimensional vector, for the sink's unit tests. */
public class TestRowTable implements CassandraTable<TestRowTable.TestRow> {

    public static final int DIMENSION = 4;

    public record TestRow(String key, long tsMicros, float[] vector) {}

    @Override
    public String tableName() {
        return "test_rows";
    }

    @Override
    public List<String> cql(String keyspace) {
        return List.of("INSERT INTO " + keyspace + ".test_rows (k, v) VALUES (?, ?)");
    }

    @Override
    public Optional<Rejection> validate(TestRow element) {
        if (element.vector().length != DIMENSION) {
            return Optional.of(
                    new Rejection(
                            RejectReason.WRONG_DIMENSION,
                            "expected " + DIMENSION + ", was " + element.vector().length));
        }
        return Optional.empty();
    }

    @Override
    public Object coalesceKey(TestRow element) {
        return element.key();
    }

    @Override
    public long writeTimestampMicros(TestRow element) {
        return element.tsMicros();
    }

    /** Rows whose key starts with {@value #TIME_DRIVEN_PREFIX} stand for rows no event caused. */
    @Override
    public long eventTimeMillis(TestRow element) {
        return element.key().startsWith(TIME_DRIVEN_PREFIX)
                ? NOT_CAUSED_BY_EVENT
                : Math.floorDiv(element.tsMicros(), 1000L);
    }

    public static final String TIME_DRIVEN_PREFIX = "timer:";

    @Override
    public List<BoundStatement> bind(List<PreparedStatement> prepared, TestRow element) {
        throw new UnsupportedOperationException("unit tests use statementFor");
    }

    /** What the unit tests send instead of bound statements: key and timestamp as values. */
    public static SimpleStatement statementFor(TestRow row) {
        return SimpleStatement.newInstance("INSERT", row.key(), row.tsMicros())
                .setQueryTimestamp(row.tsMicros())
                .setIdempotent(true);
    }

    public static TestRow row(String key, long ts) {
        return new TestRow(key, ts, new float[DIMENSION]);
    }
}
