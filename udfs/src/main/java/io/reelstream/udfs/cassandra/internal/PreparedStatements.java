package io.reelstream.udfs.cassandra.internal;

import io.reelstream.udfs.cassandra.CassandraTable;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.TokenMap;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The production {@link StatementFactory}: the table's CQL prepared once per writer, bound per
 * element, several statements sent as one unlogged (single-partition) batch, and every statement
 * stamped with the element's write timestamp and idempotence, so replays and older events can never
 * overwrite newer data even if a binder forgets {@code USING TIMESTAMP}.
 *
 * <p>Rows of different elements may share a multi-row batch ({@link #batchGroup}) only if every
 * statement of the table binds its own {@code USING TIMESTAMP} (a batch has one default timestamp)
 * and the table is idempotent and has no vector index; the group is the partition's replica set
 * from the driver's token map.
 */
final class PreparedStatements<T> implements StatementFactory<T> {

    private static final Object SINGLE_GROUP = "all";

    private final CassandraTable<T> table;
    private final List<PreparedStatement> prepared;
    private final CqlSession session;
    private final CqlIdentifier keyspace;
    private final boolean batchable;

    private PreparedStatements(
            CassandraTable<T> table,
            List<PreparedStatement> prepared,
            CqlSession session,
            String keyspace) {
        this.table = table;
        this.prepared = prepared;
        this.session = session;
        this.keyspace = CqlIdentifier.fromCql(keyspace);
        this.batchable =
                table.idempotent()
                        && !table.hasVectorIndex()
                        && table.cql(keyspace).stream()
                                .allMatch(PreparedStatements::bindsTimestamp);
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
        return new PreparedStatements<>(table, List.copyOf(prepared), session, keyspace);
    }

    private static boolean bindsTimestamp(String cql) {
        String upper = cql.toUpperCase(Locale.ROOT);
        return upper.contains("TIMESTAMP ?") || upper.contains("TIMESTAMP :");
    }

    @Override
    public Object batchGroup(Statement<?> statement) {
        if (!batchable) {
            return null;
        }
        ByteBuffer routingKey = statement.getRoutingKey();
        Optional<TokenMap> tokens = session.getMetadata().getTokenMap();
        if (routingKey == null || tokens.isEmpty()) {
            return SINGLE_GROUP;
        }
        Set<Node> replicas = tokens.get().getReplicas(keyspace, routingKey);
        return replicas.isEmpty() ? SINGLE_GROUP : replicas;
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
