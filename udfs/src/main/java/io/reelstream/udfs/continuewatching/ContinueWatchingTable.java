package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.deadletter.Rejection;
import io.reelstream.udfs.cassandra.CassandraTable;
import io.reelstream.udfs.cassandra.CqlBindTypes;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.type.ListType;
import com.datastax.oss.driver.api.core.type.UserDefinedType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a member's whole continue-watching row into {@code continue_watching} (migration V003) as
 * one frozen list of {@code cw_entry} values: a removal is an overwrite, never a delete, so the
 * table collects no tombstones; the TTL runs out when the newest viewing is older than the maximum
 * age.
 */
public final class ContinueWatchingTable implements CassandraTable<ContinueWatchingRowUpdate> {

    private static final long serialVersionUID = 1L;

    public static final String TABLE = "continue_watching";

    private final int maxEntries;

    /**
     * @param maxEntries the row cap; longer rows are rejected as a bug upstream
     */
    public ContinueWatchingTable(int maxEntries) {
        this.maxEntries = maxEntries;
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
                        + " (user_id, row_v, cw_row, updated_at) VALUES (?, ?, ?, ?)"
                        + " USING TTL ? AND TIMESTAMP ?");
    }

    @Override
    public Optional<Rejection> validate(ContinueWatchingRowUpdate row) {
        if (row.userId() == null || row.userId().isEmpty()) {
            return Optional.of(new Rejection(RejectReason.MISSING_FIELD, "userId is empty"));
        }
        if (row.entries().size() > maxEntries) {
            return Optional.of(
                    new Rejection(
                            RejectReason.INVALID_VALUE,
                            "row has " + row.entries().size() + " entries, cap " + maxEntries));
        }
        if (row.ttlSeconds() <= 0) {
            return Optional.of(
                    new Rejection(RejectReason.INVALID_VALUE, "ttl " + row.ttlSeconds() + " s"));
        }
        return Optional.empty();
    }

    @Override
    public Object coalesceKey(ContinueWatchingRowUpdate row) {
        return row.userId();
    }

    @Override
    public long writeTimestampMicros(ContinueWatchingRowUpdate row) {
        return row.writeTimestampMicros();
    }

    @Override
    public List<BoundStatement> bind(
            List<PreparedStatement> prepared, ContinueWatchingRowUpdate row) {
        PreparedStatement insert = prepared.get(0);
        UserDefinedType entryType =
                (UserDefinedType)
                        ((ListType) insert.getVariableDefinitions().get(2).getType())
                                .getElementType();
        List<UdtValue> entries = new ArrayList<>(row.entries().size());
        for (ContinueWatchingEntry entry : row.entries()) {
            entries.add(toUdt(entryType, entry));
        }
        return List.of(
                insert.boundStatementBuilder()
                        .setString(0, row.userId())
                        .setInt(1, row.v())
                        .set(2, entries, CqlBindTypes.LIST_OF_UDT)
                        .setInstant(3, Instant.ofEpochMilli(row.asOf()))
                        .setInt(4, row.ttlSeconds())
                        .setLong(5, row.writeTimestampMicros())
                        .build());
    }

    private static UdtValue toUdt(UserDefinedType type, ContinueWatchingEntry entry) {
        UdtValue value =
                type.newValue()
                        .setString("title_id", entry.titleId())
                        .setLong("position_ms", entry.positionMs())
                        .setLong("runtime_ms", entry.runtimeMs())
                        .setFloat("progress", (float) entry.progress())
                        .setInstant("last_watched", Instant.ofEpochMilli(entry.lastWatchedAt()))
                        .setString("device", entry.device() == null ? null : entry.device().name());
        return entry.showId().equals(entry.titleId())
                ? value
                : value.setString("series_id", entry.showId());
    }
}
