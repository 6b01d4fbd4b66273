package io.reelstream.udfs.features;

import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.SearchEvent;

import org.apache.flink.api.common.functions.MapFunction;

/** Maps decoded playback and search events to {@link UserActivity} (one class per input). */
public final class ToUserActivity {

    private ToUserActivity() {}

    /** Playback events as activities. */
    public static final class FromPlayback implements MapFunction<PlaybackEvent, UserActivity> {
        private static final long serialVersionUID = 1L;

        @Override
        public UserActivity map(PlaybackEvent event) {
            return UserActivity.of(event);
        }
    }

    /** Search events as activities. */
    public static final class FromSearch implements MapFunction<SearchEvent, UserActivity> {
        private static final long serialVersionUID = 1L;

        @Override
        public UserActivity map(SearchEvent event) {
            return UserActivity.of(event);
        }
    }

    /** Catalog records as title genres. */
    public static final class FromCatalog
            implements MapFunction<io.reelstream.schemas.events.CatalogRecord, TitleGenres> {
        private static final long serialVersionUID = 1L;

        @Override
        public TitleGenres map(io.reelstream.schemas.events.CatalogRecord record) {
            return TitleGenres.of(record);
        }
    }
}
