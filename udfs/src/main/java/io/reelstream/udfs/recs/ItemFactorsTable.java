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
 * Writes a show's factors and bias to {@code item_factors} (migration V006), whose SAI vector index
 * makes "similar titles" an ANN query.
 */
public final class ItemFactorsTable implements CassandraTable<ItemFactorUpdate> {

    private static final long serialVersionUID = 1L;

    public static final String TABLE = "item_factors";

    /** Layout of an item_factors row (unchanged when the replica record gained co-visitation). */
    public static final int ROW_VERSION = 1;

    private final int dimension;

    public ItemFactorsTable(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public String tableName() {
        return TABLE;
    }

    /**
     * item_factors carries the SAI ANN index: the sink caps its in-flight writes (CASSANDRA-21644).
     * The job runs this sink in its own task so the cap cannot stall the replica publisher.
     */
    @Override
    public boolean hasVectorIndex() {
        return true;
    }

    @Override
    public List<String> cql(String keyspace) {
        return List.of(
                "INSERT INTO "
                        + keyspace
                        + "."
                        + TABLE
                        + " (show_id, row_v, factors, bias, model_version, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
    }

    @Override
    public Optional<Rejection> validate(ItemFactorUpdate update) {
        return FactorVectors.check(update.showId(), update.factors(), dimension);
    }

    @Override
    public Object coalesceKey(ItemFactorUpdate update) {
        return update.showId();
    }

    @Override
    public long writeTimestampMicros(ItemFactorUpdate update) {
        return update.updatedAt() * 1000;
    }

    @Override
    public List<BoundStatement> bind(List<PreparedStatement> prepared, ItemFactorUpdate update) {
        return List.of(
                prepared.get(0)
                        .boundStatementBuilder()
                        .setString(0, update.showId())
                        .setInt(1, ROW_VERSION)
                        .set(2, FactorVectors.toCql(update.factors()), CqlBindTypes.VECTOR_OF_FLOAT)
                        .setFloat(3, update.bias())
                        .setLong(4, update.modelVersion())
                        .setInstant(5, Instant.ofEpochMilli(update.updatedAt()))
                        .setLong(6, writeTimestampMicros(update))
                        .build());
    }
}
