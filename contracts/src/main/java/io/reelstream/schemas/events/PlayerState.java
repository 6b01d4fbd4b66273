package io.reelstream.schemas.events;

/** Player states of CTA-5004 (CMCD v2 {@code sta}) that QoE telemetry reports. */
public enum PlayerState {
    STARTING,
    PLAYING,
    SEEKING,
    REBUFFERING,
    PAUSED,
    WAITING,
    ENDED,
    FATAL_ERROR,
    QUIT
}
