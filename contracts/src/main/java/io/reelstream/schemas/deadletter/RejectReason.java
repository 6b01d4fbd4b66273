package io.reelstream.schemas.deadletter;

/**
 * Machine-readable reasons a record is dead-lettered instead of processed. The names are part of
 * the dead-letter contract and of metric names: add, never rename.
 */
public enum RejectReason {
    /** Not parseable as JSON (includes truncated bytes). */
    MALFORMED_JSON,
    /** Larger than the configured maximum record size. */
    OVERSIZED,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** The record's key is null or empty where the topic needs one. */
    NULL_KEY,
    /** The {@code v} field names a contract version this build cannot decode. */
    UNSUPPORTED_VERSION,
    /** The {@code type} field names no known event type. */
    UNKNOWN_EVENT_TYPE,
    /** An enumerated field (device type, player state, ...) has a value outside its set. */
    UNKNOWN_ENUM_VALUE,
    /** A value is impossible: negative position or duration, position far past runtime, ... */
    INVALID_VALUE,
    /** Event time is further in the future than the allowed clock skew. */
    FUTURE_EVENT_TIME,
    /** Event time is older than the allowed lateness: windows it belongs to are closed. */
    TOO_LATE,
    /** A CMCD (CTA-5004) payload does not follow the structured-field syntax. */
    MALFORMED_CMCD,
    /** A factor vector does not have the model's dimension. */
    WRONG_DIMENSION,
    /** Cassandra rejected a row permanently (not a transient failure). */
    WRITE_REJECTED,
    /** The decoder itself failed on this record (a bug): the record is kept for replay. */
    DECODER_ERROR
}
