package io.reelstream.udfs.ingest;

import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.SearchEvent;

import org.apache.flink.api.java.functions.KeySelector;

/**
 * Key selectors of decoded input events. The convention for every key selector of the engine: a
 * nested class {@code <Input>By<Key>} in one {@code <Area>Keys} class per package ({@code
 * IngestKeys}, {@code FeatureKeys}, {@code QoeKeys}, {@code RecsKeys}).
 */
public final class IngestKeys {

    private IngestKeys() {}

    /** Playback events by member ({@code userId}): a member's events keep their order. */
    public static final class PlaybackByMember implements KeySelector<PlaybackEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(PlaybackEvent event) {
            return event.userId();
        }
    }

    /** Searches by member ({@code userId}). */
    public static final class SearchByMember implements KeySelector<SearchEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(SearchEvent event) {
            return event.userId();
        }
    }
}
