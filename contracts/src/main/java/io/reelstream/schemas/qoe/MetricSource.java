package io.reelstream.schemas.qoe;

/**
 * Where a summary metric came from, so a reader can tell a measured value from an estimate: the
 * player's own report (CMCD v2 {@code msd}, {@code bsa}, {@code bsda}, {@code bsd}), the reported
 * play states, the v1 request pattern, an estimate by a documented rule, or nothing at all.
 */
public enum MetricSource {
    /** A value the player reported directly (CMCD v2 QoE keys). */
    REPORTED,
    /** Derived from play states (telemetry or CMCD {@code sta}). */
    STATES,
    /** Derived from the CMCD request pattern ({@code su}, {@code bs}); exact for counts. */
    REQUESTS,
    /** Estimated by buffer accounting from v1 requests (see docs/qoe.md). */
    ESTIMATED,
    /** Not known: the player reported nothing it could be derived from. */
    UNKNOWN
}
