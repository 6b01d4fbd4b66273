package io.reelstream.udfs.cassandra.internal;

import com.datastax.oss.driver.api.core.cql.Statement;

import java.util.concurrent.CompletionStage;

/**
 * Sends one statement asynchronously. The production implementation is {@code
 * session::executeAsync}; tests substitute a controllable one, so the sink's buffering, bounding
 * and retry logic is tested without a Cassandra node.
 */
@FunctionalInterface
interface StatementExecutor {

    /** Starts the request; the stage completes when Cassandra answers or the request fails. */
    CompletionStage<?> executeAsync(Statement<?> statement);
}
