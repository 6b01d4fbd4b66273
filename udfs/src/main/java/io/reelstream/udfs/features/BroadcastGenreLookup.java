package io.reelstream.udfs.features;

import io.reelstream.udfs.features.model.GenreLookup;

import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

import java.util.Arrays;
import java.util.List;

/** Genres from the catalog broadcast state of {@link UserSessionFeatureFunction}. */
final class BroadcastGenreLookup implements GenreLookup {

    private final ReadOnlyBroadcastState<String, TitleGenres> catalog;

    BroadcastGenreLookup(ReadOnlyBroadcastState<String, TitleGenres> catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<String> genres(String titleId) throws Exception {
        TitleGenres title = catalog.get(titleId);
        return title == null ? null : Arrays.asList(title.genres);
    }
}
