package io.reelstream.schemas.events;

/** Device classes a member plays on; the closed set every contract and cohort uses. */
public enum DeviceType {
    TV,
    MOBILE,
    TABLET,
    WEB,
    CONSOLE,
    STREAMING_STICK
}
