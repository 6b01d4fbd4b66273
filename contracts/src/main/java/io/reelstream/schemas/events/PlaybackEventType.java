package io.reelstream.schemas.events;

/** What happened in a playback; see docs/event-contracts.md. */
public enum PlaybackEventType {
    START,
    HEARTBEAT,
    PAUSE,
    RESUME,
    SEEK,
    STOP,
    COMPLETE
}
