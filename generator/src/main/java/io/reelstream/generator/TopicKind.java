package io.reelstream.generator;

/** The topics the generator writes, one per contract. */
public enum TopicKind {
    CATALOG,
    PLAYBACK,
    QOE,
    CMCD,
    SEARCH
}
