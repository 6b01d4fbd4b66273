package io.reelstream.udfs.features.model;

import java.util.List;

/** Genres of a catalog title, as known when features are evaluated. */
@FunctionalInterface
public interface GenreLookup {

    /** The title's genres, or {@code null} when the catalog does not know it (yet). */
    List<String> genres(String titleId) throws Exception;
}
