package io.reelstream.udfs.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * The production {@link StatementFactory}: the table's CQL prepared once per writer, bound per
 * element, several statements sent as one unlogged (single-partition) batch, and every statement
 * stamped with the element's write timestamp and idempotence, so replays and older events can never
 * overwrite newer data even if a binder forgets {@code USING TIMESTAMP}.
 */
public final class PreparedStatements<T> implements StatementFactory<T> {

    private final CassandraTable<T> table;
    private final List<PreparedStatement> prepared;

    private PreparedStatements(CassandraTable<T> table, List<PreparedStatement> prepared) {
        this.table = table;
        this.prepared = prepared;
    }

    /** Runs the table's setup statements, then prepares its statements on {@code session}. */
    public static <T> PreparedStatements<T> prepare(
            CqlSession session, CassandraTable<T> table, String keyspace) {
        for (String setup : table.setup(keyspace)) {
            session.execute(setup);
        }
        List<PreparedStatement> prepared = new ArrayList<>();
        for (String cql : table.cql(keyspace)) {
            prepared.add(session.prepare(cql));
        }
        return new PreparedStatements<>(table, List.copyOf(prepared));
    }

    @Override
    public Statement<?> statementFor(T element) {
        List<BoundStatement> bound = table.bind(prepared, element);
        if (bound.isEmpty()) {
            throw new IllegalStateException(table.tableName() + " bound no statement");
        }
        Statement<?> statement =
                bound.size() == 1
                        ? bound.get(0)
                        : BatchStatement.newInstance(
                                DefaultBatchType.UNLOGGED,
                                new ArrayList<BatchableStatement<?>>(bound));
        return statement
                .setQueryTimestamp(table.writeTimestampMicros(element))
                .setIdempotent(table.idempotent());
    }
}
