package io.reelstream.udfs.cassandra.internal;

import com.datastax.oss.driver.api.core.cql.Statement;

/** Turns one element into the one statement (single or single-partition batch) that writes it. */
@FunctionalInterface
interface StatementFactory<T> {

    Statement<?> statementFor(T element);

    /**
     * Statements with equal groups may be sent together as one unlogged batch: their partitions
     * have the same replicas, so the batch costs the coordinator no extra hop. {@code null} (the
     * default) never batches the statement.
     */
    default Object batchGroup(Statement<?> statement) {
        return null;
    }
}
