package io.reelstream.udfs.cassandra;

import com.datastax.oss.driver.api.core.cql.Statement;

/** Turns one element into the one statement (single or single-partition batch) that writes it. */
@FunctionalInterface
public interface StatementFactory<T> {

    Statement<?> statementFor(T element);
}
