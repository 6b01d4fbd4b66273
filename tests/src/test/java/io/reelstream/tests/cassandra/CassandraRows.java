package io.reelstream.tests.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.data.CqlVector;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** Reads whole factor tables for assertions: id to (version, factors, write time). */
final class CassandraRows {

    record StoredFactors(long modelVersion, String factors, long writeTime) {}

    private CassandraRows() {}

    static Map<String, StoredFactors> factors(CqlSession session, String keyspace, String table) {
        return factors(session, keyspace, table, SimpleStatement::newInstance);
    }

    /** As {@link #factors(CqlSession, String, String)}, the query made by {@code statement}. */
    static Map<String, StoredFactors> factors(
            CqlSession session,
            String keyspace,
            String table,
            Function<String, SimpleStatement> statement) {
        String id = table.equals("item_factors") ? "show_id" : "user_id";
        Map<String, StoredFactors> rows = new HashMap<>();
        String cql =
                "SELECT "
                        + id
                        + ", model_version, factors, writetime(model_version) AS wt FROM "
                        + keyspace
                        + "."
                        + table;
        for (Row row : session.execute(statement.apply(cql))) {
            CqlVector<Float> factors = row.getVector("factors", Float.class);
            rows.put(
                    row.getString(id),
                    new StoredFactors(
                            row.getLong("model_version"),
                            String.valueOf(factors),
                            row.getLong("wt")));
        }
        return rows;
    }

    /** What a correct sink leaves behind: for each id, its newest valid update. */
    static Map<String, StoredFactors> expected(FactorRowGenerator generator, long count, int keys) {
        Map<String, FactorRow> latest = new HashMap<>();
        for (long i = 0; i < count; i++) {
            if (generator.isBad(i)) {
                continue;
            }
            FactorRow row = FactorRowGenerator.row(generator.version(i), keys, false);
            latest.merge(row.id(), row, (a, b) -> a.modelVersion() >= b.modelVersion() ? a : b);
        }
        Map<String, StoredFactors> expected = new HashMap<>();
        for (FactorRow row : latest.values()) {
            java.util.List<Float> values = new java.util.ArrayList<>();
            for (float f : row.factors()) {
                values.add(f);
            }
            expected.put(
                    row.id(),
                    new StoredFactors(
                            row.modelVersion(),
                            String.valueOf(CqlVector.newInstance(values)),
                            row.updatedAtMillis() * 1000));
        }
        return expected;
    }
}
