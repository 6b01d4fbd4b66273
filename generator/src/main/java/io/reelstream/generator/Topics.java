package io.reelstream.generator;

import io.reelstream.schemas.TopicNames;

import java.util.List;
import java.util.Objects;

/**
 * Topic names of the Reelstream contracts, with an optional prefix (e.g. per test run) prepended
 * verbatim: {@code prefix + TopicNames.PLAYBACK}.
 */
public record Topics(String prefix) {

    public Topics {
        Objects.requireNonNull(prefix, "prefix");
    }

    /** The default names, no prefix. */
    public static Topics defaults() {
        return new Topics("");
    }

    public String playback() {
        return prefix + TopicNames.PLAYBACK;
    }

    public String qoe() {
        return prefix + TopicNames.QOE;
    }

    public String cmcd() {
        return prefix + TopicNames.CMCD;
    }

    public String search() {
        return prefix + TopicNames.SEARCH;
    }

    public String catalog() {
        return prefix + TopicNames.CATALOG;
    }

    public String deadLetter() {
        return prefix + TopicNames.DEAD_LETTER;
    }

    public String of(TopicKind kind) {
        return switch (kind) {
            case CATALOG -> catalog();
            case PLAYBACK -> playback();
            case QOE -> qoe();
            case CMCD -> cmcd();
            case SEARCH -> search();
        };
    }

    /** Every topic the generator writes plus the dead-letter topic. */
    public List<String> all() {
        return List.of(catalog(), playback(), qoe(), cmcd(), search(), deadLetter());
    }
}
