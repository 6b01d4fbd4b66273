package io.reelstream.udfs.ingest;

/** Where a job starts reading a topic when it has no checkpoint or savepoint to restore. */
public enum StartingOffsets {
    /** The group's committed offsets; the earliest offset where there are none. */
    COMMITTED,
    /** The beginning of every partition. */
    EARLIEST,
    /** Only records that arrive after the job starts. */
    LATEST
}
