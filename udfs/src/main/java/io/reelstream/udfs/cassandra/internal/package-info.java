/**
 * The Cassandra sink's machinery: the writer, per-key coalescing, bounded in-flight writes with
 * retries and backoff, shared sessions, prepared statements and the sink's metrics. Only {@code
 * CassandraWriterFactory} is public, for {@code CassandraSink}; the rest is package-private, and
 * {@code ArchitectureTest} keeps every {@code internal} package to its parent.
 */
package io.reelstream.udfs.cassandra.internal;
