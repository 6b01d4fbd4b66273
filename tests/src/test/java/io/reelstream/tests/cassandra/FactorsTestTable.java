package io.reelstream.tests.cassandra;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.deadletter.Rejection;
import io.reelstream.udfs.cassandra.CassandraTable;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.data.CqlVector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds {@link FactorRow}s to {@code user_factors} (plain) or {@code item_factors} (SAI vector
 * index), as a pipeline's binder would: idempotent upsert with {@code USING TIMESTAMP}, dimension
 * checked before the write.
 */
final class FactorsTestTable implements CassandraTable<FactorRow> {

    static final int DIMENSION = 32;
    static final int ROW_VERSION = 1;

    private final String table;
    private final String idColumn;
    private final boolean vectorIndex;

    private FactorsTestTable(String table, String idColumn, boolean vectorIndex) {
        this.table = table;
        this.idColumn = idColumn;
        this.vectorIndex = vectorIndex;
    }

    static FactorsTestTable userFactors() {
        return new FactorsTestTable("user_factors", "user_id", false);
    }

    static FactorsTestTable itemFactors() {
        return new FactorsTestTable("item_factors", "show_id", true);
    }

    @Override
    public String tableName() {
        return table;
    }

    @Override
    public List<String> cql(String keyspace) {
        return List.of(
                "INSERT INTO "
                        + keyspace
                        + "."
                        + table
                        + " ("
                        + idColumn
                        + ", row_v, factors, model_version, updated_at) VALUES (?, ?, ?, ?, ?)"
                        + " USING TIMESTAMP ?");
    }

    @Override
    public Optional<Rejection> validate(FactorRow row) {
        if (row.factors() == null || row.factors().length != DIMENSION) {
            return Optional.of(
                    new Rejection(
                            RejectReason.WRONG_DIMENSION,
                            "factors of "
                                    + row.id()
                                    + " have dimension "
                                    + (row.factors() == null ? 0 : row.factors().length)
                                    + ", expected "
                                    + DIMENSION));
        }
        return Optional.empty();
    }

    @Override
    public Object coalesceKey(FactorRow row) {
        return row.id();
    }

    @Override
    public long writeTimestampMicros(FactorRow row) {
        return row.updatedAtMillis() * 1000;
    }

    @Override
    public List<BoundStatement> bind(List<PreparedStatement> prepared, FactorRow row) {
        List<Float> factors = new ArrayList<>(row.factors().length);
        for (float f : row.factors()) {
            factors.add(f);
        }
        return List.of(
                prepared.get(0)
                        .bind(
                                row.id(),
                                ROW_VERSION,
                                CqlVector.newInstance(factors),
                                row.modelVersion(),
                                Instant.ofEpochMilli(row.updatedAtMillis()),
                                writeTimestampMicros(row)));
    }

    @Override
    public boolean hasVectorIndex() {
        return vectorIndex;
    }
}
