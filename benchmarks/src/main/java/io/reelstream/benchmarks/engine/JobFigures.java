package io.reelstream.benchmarks.engine;

/**
 * What one catch-up run of one job (or of all jobs together) measured, with the per-event figures
 * the engine benchmark reports. Counts are deltas over the run; -1 means not measured.
 *
 * @param job the job's short name ({@code all} for the jobs together)
 * @param inputRecords backlog records in the topics the job reads
 * @param fetchSeconds from submission until the sources had fetched the whole backlog (consumer lag
 *     0)
 * @param seconds from submission until the backlog was processed (no task received a record after
 *     that)
 * @param jvmCpuNanos CPU time of this JVM (it hosts the Flink MiniCluster) from submission until
 *     the backlog was processed, all threads
 * @param jitCpuNanos of that, the JIT compiler threads' (-1: not measured): compiling the jobs'
 *     code is a one-time cost of a fresh JVM, not a cost per event, so the per-event figure leaves
 *     it out and reports it beside
 * @param cassandraCpuNanos CPU time of the Cassandra node's process over the same time
 * @param cassandraRows rows written (acknowledged) by the job's Cassandra sinks
 * @param cassandraRequests requests those rows went in (a multi-row batch is one; -1 when not
 *     measured): Cassandra's cost is largely per request
 * @param kafkaRecords records sent by the job's Kafka sinks (outputs and dead letters)
 * @param rocksBytesWritten RocksDB native statistic {@code bytes_written} (puts), all operators
 * @param rocksCompactionBytes RocksDB native statistic {@code compact_write_bytes}
 * @param checkpointMs end-to-end duration of the first checkpoint completed after catch-up
 * @param checkpointStateBytes full state size of that checkpoint
 * @param checkpointedBytes bytes that checkpoint uploaded (incremental)
 */
public record JobFigures(
        String job,
        long inputRecords,
        double fetchSeconds,
        double seconds,
        long jvmCpuNanos,
        long jitCpuNanos,
        long cassandraCpuNanos,
        long cassandraRows,
        long cassandraRequests,
        long kafkaRecords,
        double rocksBytesWritten,
        double rocksCompactionBytes,
        long checkpointMs,
        long checkpointStateBytes,
        long checkpointedBytes) {

    public double eventsPerSecond() {
        return seconds <= 0 ? Double.NaN : inputRecords / seconds;
    }

    /**
     * JVM CPU per event without the JIT compiler threads (all threads if they were not measured).
     */
    public double jvmCpuMicrosPerEvent() {
        long steady = jitCpuNanos < 0 ? jvmCpuNanos : jvmCpuNanos - jitCpuNanos;
        return perEvent(steady / 1e3, jvmCpuNanos);
    }

    /** The JIT compiler threads' CPU over the run, per event. */
    public double jitCpuMicrosPerEvent() {
        return perEvent(jitCpuNanos / 1e3, jitCpuNanos);
    }

    public double cassandraCpuMicrosPerEvent() {
        return perEvent(cassandraCpuNanos / 1e3, cassandraCpuNanos);
    }

    public double cassandraRowsPerEvent() {
        return perEvent(cassandraRows, cassandraRows);
    }

    /**
     * The Cassandra requests that {@code rows} rows went in, from the sinks' counters: each
     * multi-row batch is one request, every row outside a batch one.
     */
    static long requests(long rows, long batches, long batchedRows) {
        return batches + rows - batchedRows;
    }

    /** Rows per Cassandra request (NaN when not measured or none). */
    public double cassandraRowsPerRequest() {
        return cassandraRequests <= 0 ? Double.NaN : (double) cassandraRows / cassandraRequests;
    }

    public double kafkaRecordsPerEvent() {
        return perEvent(kafkaRecords, kafkaRecords);
    }

    public double rocksBytesWrittenPerEvent() {
        return perEvent(rocksBytesWritten, rocksBytesWritten);
    }

    public double rocksCompactionBytesPerEvent() {
        return perEvent(rocksCompactionBytes, rocksCompactionBytes);
    }

    private double perEvent(double value, double raw) {
        return raw < 0 || inputRecords <= 0 ? Double.NaN : value / inputRecords;
    }
}
