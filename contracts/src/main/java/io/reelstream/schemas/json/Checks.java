package io.reelstream.schemas.json;

import io.reelstream.schemas.deadletter.RejectReason;

/**
 * Plausibility checks shared by the contracts; each failure is INVALID_VALUE or FUTURE_EVENT_TIME.
 */
final class Checks {

    /** 2000-01-01T00:00:00Z: earlier event times are clock garbage. */
    static final long MIN_EPOCH_MS = 946_684_800_000L;

    /** Nothing we stream runs longer than a day. */
    static final long MAX_RUNTIME_MS = 24 * 3_600_000L;

    private Checks() {}

    static long eventTime(String name, long value, long nowMillis, DecodeLimits limits) {
        if (value < MIN_EPOCH_MS) {
            throw JsonFields.reject(
                    RejectReason.INVALID_VALUE, name + ": before 2000-01-01: " + value);
        }
        if (value > nowMillis + limits.futureSkewMs()) {
            throw JsonFields.reject(
                    RejectReason.FUTURE_EVENT_TIME,
                    name + ": " + (value - nowMillis) + " ms ahead of the wall clock");
        }
        return value;
    }

    static long range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw JsonFields.reject(
                    RejectReason.INVALID_VALUE,
                    name + ": " + value + " outside [" + min + ", " + max + "]");
        }
        return value;
    }

    static Long range(String name, Long value, long min, long max) {
        return value == null ? null : range(name, value.longValue(), min, max);
    }

    static Integer range(String name, Integer value, long min, long max) {
        return value == null ? null : (int) range(name, value.longValue(), min, max);
    }

    static String country(String name, String value) {
        if (value.length() != 2
                || !isAsciiUpper(value.charAt(0))
                || !isAsciiUpper(value.charAt(1))) {
            throw JsonFields.reject(
                    RejectReason.INVALID_VALUE, name + ": not an ISO 3166-1 alpha-2 code");
        }
        return value;
    }

    private static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
