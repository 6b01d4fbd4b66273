package io.reelstream.udfs.features;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.deadletter.Rejection;
import io.reelstream.schemas.features.UserFeatureVector;
import io.reelstream.udfs.cassandra.CassandraTable;
import io.reelstream.udfs.cassandra.CqlBindTypes;
import io.reelstream.udfs.features.model.UserSessionFeatureSet;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes user feature vectors to {@code user_features} (row layout 2, migration V009): one row per
 * user and feature set, upserted with {@code USING TIMESTAMP} derived from the as-of time and
 * revision, so replays and older vectors never overwrite newer ones.
 *
 * <p>A row carries its values packed as float32 and only the names that vary per vector; the fixed
 * names of each feature set version are written once per writer start to {@code feature_sets},
 * where readers look them up. Vectors whose fixed names are not the registered ones are rejected,
 * so every row can be named.
 */
public final class UserFeaturesTable implements CassandraTable<UserFeatureVector> {

    private static final int MAX_ENCODED_NAME_LISTS = 4096;

    private transient Map<List<String>, ByteBuffer> encodedNames;

    private static final long serialVersionUID = 1L;

    /** Layout version of the row ({@code row_v}): 2 = packed values, names in feature_sets. */
    public static final int ROW_VERSION = 2;

    public static final String TABLE = "user_features";
    public static final String FEATURE_SETS_TABLE = "feature_sets";

    private final String featureSet;
    private final int featureSetVersion;
    private final String[] fixedNames;

    /** The table for the vectors of feature set {@link UserSessionFeatureSet}. */
    public UserFeaturesTable() {
        this(
                UserSessionFeatureSet.NAME,
                UserSessionFeatureSet.VERSION,
                UserSessionFeatureSet.fixedNames());
    }

    /** The table for vectors of one feature set version with these fixed names. */
    public UserFeaturesTable(String featureSet, int featureSetVersion, List<String> fixedNames) {
        this.featureSet = featureSet;
        this.featureSetVersion = featureSetVersion;
        this.fixedNames = fixedNames.toArray(new String[0]);
    }

    @Override
    public String tableName() {
        return TABLE;
    }

    @Override
    public List<String> setup(String keyspace) {
        StringBuilder names = new StringBuilder();
        for (String name : fixedNames) {
            names.append(names.length() == 0 ? "" : ", ").append(cqlText(name));
        }
        return List.of(
                "INSERT INTO "
                        + keyspace
                        + "."
                        + FEATURE_SETS_TABLE
                        + " (feature_set, version, fixed_names) VALUES ("
                        + cqlText(featureSet)
                        + ", "
                        + featureSetVersion
                        + ", ["
                        + names
                        + "])");
    }

    private static String cqlText(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    public List<String> cql(String keyspace) {
        return List.of(
                "INSERT INTO "
                        + keyspace
                        + "."
                        + TABLE
                        + " (user_id, feature_set, row_v, feature_set_version, packed_values,"
                        + " extra_names, as_of) VALUES (?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
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
        if (!hasRegisteredFixedNames(v)) {
            return Optional.of(
                    new Rejection(
                            RejectReason.INVALID_VALUE,
                            "fixed names are not those of "
                                    + featureSet
                                    + " v"
                                    + featureSetVersion
                                    + ", user "
                                    + v.userId));
        }
        for (double value : v.values) {
            if (!Double.isFinite(value)) {
                return Optional.of(
                        new Rejection(
                                RejectReason.INVALID_VALUE, "non-finite value, user " + v.userId));
            }
        }
        return Optional.empty();
    }

    private boolean hasRegisteredFixedNames(UserFeatureVector v) {
        return featureSet.equals(v.featureSet)
                && featureSetVersion == v.featureSetVersion
                && v.fixedNames == fixedNames.length
                && v.names.length >= fixedNames.length
                && Arrays.equals(v.names, 0, fixedNames.length, fixedNames, 0, fixedNames.length);
    }

    @Override
    public Object coalesceKey(UserFeatureVector v) {
        return v.userId + "/" + v.featureSet;
    }

    @Override
    public long eventTimeMillis(UserFeatureVector v) {
        return v.timeDriven ? NOT_CAUSED_BY_EVENT : v.asOf;
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

    /** The values as IEEE 754 float32, big-endian: the {@code packed_values} blob. */
    public static ByteBuffer packValues(double[] values) {
        ByteBuffer packed = ByteBuffer.allocate(values.length * Float.BYTES);
        for (double value : values) {
            packed.putFloat((float) value);
        }
        return packed.flip();
    }

    /**
     * The encoded {@code extra_names} list: vectors repeat few distinct name lists (top-genre
     * names), so each is encoded once instead of through the driver's list codec per row.
     */
    private ByteBuffer encodedExtraNames(UserFeatureVector v, ProtocolVersion protocol) {
        if (encodedNames == null) {
            encodedNames = new ConcurrentHashMap<>();
        }
        List<String> names = Arrays.asList(v.extraNames());
        ByteBuffer encoded = encodedNames.get(names);
        if (encoded == null) {
            encoded = CqlBindTypes.LIST_OF_TEXT.encode(names, protocol);
            if (encodedNames.size() >= MAX_ENCODED_NAME_LISTS) {
                encodedNames.clear();
            }
            encodedNames.put(names, encoded);
        }
        return encoded.duplicate();
    }

    @Override
    public List<BoundStatement> bind(List<PreparedStatement> prepared, UserFeatureVector v) {
        BoundStatementBuilder row = prepared.get(0).boundStatementBuilder();
        return List.of(
                row.setString(0, v.userId)
                        .setString(1, v.featureSet)
                        .setInt(2, ROW_VERSION)
                        .setInt(3, v.featureSetVersion)
                        .setByteBuffer(4, packValues(v.values))
                        .setBytesUnsafe(5, encodedExtraNames(v, row.protocolVersion()))
                        .setInstant(6, Instant.ofEpochMilli(v.asOf))
                        .setLong(7, writeTimestampMicros(v))
                        .build());
    }
}
