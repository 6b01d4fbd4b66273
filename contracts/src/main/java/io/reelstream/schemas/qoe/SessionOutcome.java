package io.reelstream.schemas.qoe;

/** How a playback session ended; names are part of the session-summary contract. */
public enum SessionOutcome {
    /** The player reported ENDED: the title played to its end. */
    COMPLETED,
    /** The viewer quit (QUIT). */
    EXITED,
    /** The player reported FATAL_ERROR. */
    FAILED,
    /** Telemetry went silent longer than the inactivity timeout. */
    ABANDONED
}
