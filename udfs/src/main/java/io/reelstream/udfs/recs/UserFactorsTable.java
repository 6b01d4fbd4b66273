package io.reelstream.udfs.recs;

import io.reelstream.schemas.deadletter.Rejection;
import io.reelstream.udfs.cassandra.CassandraTable;
import io.reelstream.udfs.cassandra.CqlBindTypes;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writes a member's factors to {@code user_factors} (migration V006, {@code vector<float, 32>}).
 */
public final class UserFactorsTable implements CassandraTable<UserFactorsRow> {

    private static final long serialVersionUID = 1L;

    public static final String TABLE = "user_factors";

    private final int dimension;

    public UserFactorsTable(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public String tableName() {
        return TABLE;
    }

    @Override
    public List<String> cql(String keyspace) {
        return List.of(
                "INSERT INTO "
                        + keyspace
                        + "."
                        + TABLE
                        + " (user_id, row_v, factors, model_version, updated_at) VALUES (?, ?, ?, ?, ?)"
                        + " USING TIMESTAMP ?");
    }

    @Override
    public Optional<Rejection> validate(UserFactorsRow row) {
        return FactorVectors.check(row.userId(), row.factors(), dimension);
    }

    @Override
    public Object coalesceKey(UserFactorsRow row) {
        return row.userId();
    }

    @Override
    public long writeTimestampMicros(UserFactorsRow row) {
        return row.updatedAt() * 1000;
    }

    @Override
    public List<BoundStatement> bind(List<PreparedStatement> prepared, UserFactorsRow row) {
        return List.of(
                prepared.get(0)
                        .boundStatementBuilder()
                        .setString(0, row.userId())
                        .setInt(1, row.v())
                        .set(2, FactorVectors.toCql(row.factors()), CqlBindTypes.VECTOR_OF_FLOAT)
                        .setLong(3, row.modelVersion())
                        .setInstant(4, Instant.ofEpochMilli(row.updatedAt()))
                        .setLong(5, writeTimestampMicros(row))
                        .build());
    }
}
