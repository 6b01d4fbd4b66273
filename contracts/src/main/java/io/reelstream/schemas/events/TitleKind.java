package io.reelstream.schemas.events;

/** Whether a catalog title is a standalone movie or one episode of a series. */
public enum TitleKind {
    MOVIE,
    EPISODE
}
