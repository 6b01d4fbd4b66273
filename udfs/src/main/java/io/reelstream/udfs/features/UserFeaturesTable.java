package io.reelstream.udfs.features;

import io.reelstream.schemas.decode.RejectReason;
import io.reelstream.schemas.decode.Rejection;
import io.reelstream.udfs.cassandra.CassandraTable;
import io.reelstream.udfs.cassandra.CqlBindTypes;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Writes user feature vectors to {@code user_features} (migration V002): one row per user and
 * feature set, upserted with {@code USING TIMESTAMP} derived from the as-of time and revision, so
 * replays and older vectors never overwrite newer ones.
 */
public final class UserFeaturesTable implements CassandraTable<UserFeatureVector> {

    private static final long serialVersionUID = 1L;

    /** Layout version of the row ({@code row_v}). */
    public static final int ROW_VERSION = 1;

    public static final String TABLE = "user_features";

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
                        + " (user_id, feature_set, row_v, feature_set_version, names,"
                        + " feature_values, as_of) VALUES (?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
    }

    @Override
    public Optional<Rejection> validate(UserFeatureVector v) {
        if (v.userId == null || v.userId.isEmpty()) {
            return Optional.of(new Rejection(RejectReason.MISSING_FIELD, "userId is empty"));
        }
        if (v.names == null || v.values == null || v.names.length != v.values.length) {
            return Optional.of(
                    new Rejection(
                            RejectReason.WRONG_DIMENSION,
                            "names and values differ in length for user " + v.userId));
        }
        if (Arrays.stream(v.values).anyMatch(x -> !Double.isFinite(x))) {
            return Optional.of(
                    new Rejection(
                            RejectReason.INVALID_VALUE, "non-finite value, user " + v.userId));
        }
        return Optional.empty();
    }

    @Override
    public Object coalesceKey(UserFeatureVector v) {
        return v.userId + "/" + v.featureSet;
    }

    @Override
    public long writeTimestampMicros(UserFeatureVector v) {
        return writeTimestampMicros(v.asOf, v.revision);
    }

    /**
     * {@code asOf} in microseconds plus the revision within the millisecond: strictly increasing
     * over a user's emissions, since as-of never decreases and revisions always increase.
     */
    public static long writeTimestampMicros(long asOfMillis, long revision) {
        return asOfMillis * 1000 + Math.floorMod(revision, 1000L);
    }

    @Override
    public List<BoundStatement> bind(List<PreparedStatement> prepared, UserFeatureVector v) {
        List<Float> values = new ArrayList<>(v.values.length);
        for (double value : v.values) {
            values.add((float) value);
        }
        return List.of(
                prepared.get(0)
                        .boundStatementBuilder()
                        .setString(0, v.userId)
                        .setString(1, v.featureSet)
                        .setInt(2, ROW_VERSION)
                        .setInt(3, v.featureSetVersion)
                        .set(4, Arrays.asList(v.names), CqlBindTypes.LIST_OF_TEXT)
                        .set(5, values, CqlBindTypes.LIST_OF_FLOAT)
                        .setInstant(6, Instant.ofEpochMilli(v.asOf))
                        .setLong(7, writeTimestampMicros(v))
                        .build());
    }
}
