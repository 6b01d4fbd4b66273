package io.reelstream.udfs.recs;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.deadletter.Rejection;
import io.reelstream.udfs.cassandra.CassandraTable;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a show's "watched together" neighbours to {@code similar_titles} (migration V010), one row
 * per show, so serving reads co-visitation neighbours by primary key.
 */
public final class SimilarTitlesTable implements CassandraTable<SimilarTitles> {

    private static final long serialVersionUID = 1L;

    public static final String TABLE = "similar_titles";

    private final int maxNeighbours;

    public SimilarTitlesTable(int maxNeighbours) {
        this.maxNeighbours = maxNeighbours;
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
                        + " (show_id, row_v, neighbours, similarities, covisit_count,"
                        + " model_version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " USING TIMESTAMP ?");
    }

    @Override
    public Optional<Rejection> validate(SimilarTitles row) {
        if (row.showId() == null || row.showId().isEmpty()) {
            return Optional.of(new Rejection(RejectReason.MISSING_FIELD, "showId is empty"));
        }
        if (row.neighbours() == null
                || row.similarities() == null
                || row.neighbours().length != row.similarities().length
                || row.neighbours().length > maxNeighbours) {
            return Optional.of(
                    new Rejection(
                            RejectReason.INVALID_VALUE, "neighbours and similarities differ"));
        }
        for (int i = 0; i < row.neighbours().length; i++) {
            float sim = row.similarities()[i];
            if (row.neighbours()[i] == null || !(sim >= 0f && sim <= 1f)) {
                return Optional.of(
                        new Rejection(RejectReason.INVALID_VALUE, "neighbour " + i + ": " + sim));
            }
        }
        return Optional.empty();
    }

    @Override
    public Object coalesceKey(SimilarTitles row) {
        return row.showId();
    }

    @Override
    public long writeTimestampMicros(SimilarTitles row) {
        return row.updatedAt() * 1000;
    }

    /** The bound values of the insert, in column order (the write timestamp last). */
    static List<Object> values(SimilarTitles row) {
        List<Float> similarities = new ArrayList<>(row.similarities().length);
        for (float s : row.similarities()) {
            similarities.add(s);
        }
        List<Object> values = new ArrayList<>(8);
        values.add(row.showId());
        values.add(row.v());
        values.add(List.of(row.neighbours()));
        values.add(similarities);
        values.add(row.covisitCount());
        values.add(row.modelVersion());
        values.add(Instant.ofEpochMilli(row.updatedAt()));
        values.add(row.updatedAt() * 1000);
        return values;
    }

    @Override
    public List<BoundStatement> bind(List<PreparedStatement> prepared, SimilarTitles row) {
        return List.of(prepared.get(0).bind(values(row).toArray()));
    }
}
