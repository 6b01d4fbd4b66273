package io.reelstream.schemas.json;

import java.io.Serializable;

/**
 * The bounds every decoder enforces: how big a record may be, how far ahead of the wall clock an
 * event may claim to be, and how far past a title's runtime a playhead may be.
 *
 * @param maxRecordBytes larger values are rejected as OVERSIZED
 * @param futureSkewMs event times later than now plus this are rejected as FUTURE_EVENT_TIME
 * @param positionToleranceMs positions up to runtime plus this are accepted (players overshoot)
 */
public record DecodeLimits(int maxRecordBytes, long futureSkewMs, long positionToleranceMs)
        implements Serializable {

    public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
    public static final long DEFAULT_FUTURE_SKEW_MS = 5 * 60_000L;
    public static final long DEFAULT_POSITION_TOLERANCE_MS = 60_000L;

    public DecodeLimits {
        if (maxRecordBytes <= 0 || futureSkewMs < 0 || positionToleranceMs < 0) {
            throw new IllegalArgumentException(
                    "limits must be positive: "
                            + maxRecordBytes
                            + ", "
                            + futureSkewMs
                            + ", "
                            + positionToleranceMs);
        }
    }

    /** 1 MiB, 5 minutes, 60 seconds. */
    public static DecodeLimits defaults() {
        return new DecodeLimits(
                DEFAULT_MAX_RECORD_BYTES, DEFAULT_FUTURE_SKEW_MS, DEFAULT_POSITION_TOLERANCE_MS);
    }
}
