package io.reelstream.udfs.ingest;

import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.SearchEvent;

import org.apache.flink.api.java.functions.KeySelector;

/**
 * Key selectors by {@code userId}, to partition {@link DeduplicateByEventId} in jobs keyed by user
 * (so one user's events keep their order on the way to the per-user function).
 */
public final class EventUsers {

    private EventUsers() {}

    /** Playback events by user. */
    public static final class OfPlayback implements KeySelector<PlaybackEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(PlaybackEvent event) {
            return event.userId();
        }
    }

    /** Searches by user. */
    public static final class OfSearch implements KeySelector<SearchEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(SearchEvent event) {
            return event.userId();
        }
    }
}
