package io.reelstream.udfs.ingest;

import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.events.SearchEvent;

import org.apache.flink.api.java.functions.KeySelector;

/** Key selectors by {@code eventId}, for {@link DeduplicateByEventId}. */
public final class EventIds {

    private EventIds() {}

    /** Playback events by event id. */
    public static final class OfPlayback implements KeySelector<PlaybackEvent, String> {
        @Override
        public String getKey(PlaybackEvent event) {
            return event.eventId();
        }
    }

    /** QoE samples by event id. */
    public static final class OfQoe implements KeySelector<QoeEvent, String> {
        @Override
        public String getKey(QoeEvent event) {
            return event.eventId();
        }
    }

    /** Searches by event id. */
    public static final class OfSearch implements KeySelector<SearchEvent, String> {
        @Override
        public String getKey(SearchEvent event) {
            return event.eventId();
        }
    }
}
