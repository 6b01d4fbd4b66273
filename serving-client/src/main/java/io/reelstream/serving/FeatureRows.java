package io.reelstream.serving;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads {@code user_features} rows of every layout into named {@link FeatureSet}s: row_v 1 carries
 * its names; row_v 2 carries packed float32 values and only its extra names, the fixed names of its
 * feature set version come from {@code feature_sets} (read once per version and cached, since a
 * version's names never change).
 */
public final class FeatureRows {

    /** The columns {@link #decode} needs, for a {@code SELECT} on {@code user_features}. */
    public static final String COLUMNS =
            "feature_set, feature_set_version, row_v, names, feature_values, packed_values,"
                    + " extra_names, as_of";

    private final CqlSession session;
    private final PreparedStatement fixedNames;
    private final ConsistencyLevel consistency;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    public FeatureRows(CqlSession session, String keyspace) {
        this(session, keyspace, null);
    }

    /**
     * @param consistency consistency of the {@code feature_sets} reads; null for the session's
     */
    public FeatureRows(CqlSession session, String keyspace, ConsistencyLevel consistency) {
        this.session = session;
        this.consistency = consistency;
        this.fixedNames =
                session.prepare(
                        "SELECT fixed_names FROM "
                                + keyspace
                                + ".feature_sets WHERE feature_set = ? AND version = ?");
    }

    /**
     * One row as a named feature set.
     *
     * @throws IllegalStateException if a row_v 2 row's feature set version is not registered or its
     *     values do not match its names
     */
    public FeatureSet decode(Row row) {
        String set = row.getString("feature_set");
        int version = row.getInt("feature_set_version");
        if (row.isNull("row_v") || row.getInt("row_v") < 2) {
            return new FeatureSet(
                    set,
                    version,
                    row.getList("names", String.class),
                    row.getList("feature_values", Float.class),
                    row.getInstant("as_of"));
        }
        List<String> names = new ArrayList<>(fixedNames(set, version));
        List<String> extra = row.getList("extra_names", String.class);
        names.addAll(extra == null ? List.of() : extra);
        ByteBuffer packed = row.getByteBuffer("packed_values");
        int count = packed == null ? 0 : packed.remaining() / Float.BYTES;
        if (count != names.size()) {
            throw new IllegalStateException(
                    count + " values for " + names.size() + " names in " + set + " v" + version);
        }
        List<Float> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(packed.getFloat(packed.position() + i * Float.BYTES));
        }
        return new FeatureSet(set, version, List.copyOf(names), values, row.getInstant("as_of"));
    }

    private List<String> fixedNames(String set, int version) {
        String key = set + "/" + version;
        List<String> names = cache.get(key);
        if (names == null) {
            Row row =
                    session.execute(fixedNames.bind(set, version).setConsistencyLevel(consistency))
                            .one();
            if (row == null) {
                throw new IllegalStateException(
                        "feature set " + set + " v" + version + " is not in feature_sets");
            }
            names = List.copyOf(row.getList("fixed_names", String.class));
            cache.put(key, names);
        }
        return names;
    }
}
