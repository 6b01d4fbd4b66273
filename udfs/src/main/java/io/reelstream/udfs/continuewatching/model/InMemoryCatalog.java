package io.reelstream.udfs.continuewatching.model;

import io.reelstream.udfs.continuewatching.CatalogTitle;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The catalog indexed for lookups: titles by id (newest {@code updatedAt} wins) and each series'
 * episodes in (season, episode) order, so the next episode is one ordered-set lookup.
 */
public final class InMemoryCatalog implements CatalogLookup {

    private static final Comparator<CatalogTitle> EPISODE_ORDER =
            Comparator.<CatalogTitle>comparingInt(t -> t.season)
                    .thenComparingInt(t -> t.episode)
                    .thenComparing(t -> t.titleId);

    private final Map<String, CatalogTitle> titles = new HashMap<>();
    private final Map<String, TreeSet<CatalogTitle>> episodesBySeries = new HashMap<>();

    /**
     * Adds or replaces a title unless the known version is newer.
     *
     * @return whether the title was taken
     */
    public boolean put(CatalogTitle title) {
        CatalogTitle known = titles.get(title.titleId);
        if (known != null && known.updatedAt > title.updatedAt) {
            return false;
        }
        if (known != null && known.isOrderedEpisode()) {
            TreeSet<CatalogTitle> episodes = episodesBySeries.get(known.seriesId);
            episodes.remove(known);
            if (episodes.isEmpty()) {
                episodesBySeries.remove(known.seriesId);
            }
        }
        titles.put(title.titleId, title);
        if (title.isOrderedEpisode()) {
            episodesBySeries
                    .computeIfAbsent(title.seriesId, id -> new TreeSet<>(EPISODE_ORDER))
                    .add(title);
        }
        return true;
    }

    public int size() {
        return titles.size();
    }

    @Override
    public CatalogTitle title(String titleId) {
        return titles.get(titleId);
    }

    @Override
    public CatalogTitle nextEpisode(CatalogTitle episode) {
        if (episode == null || !episode.isOrderedEpisode()) {
            return null;
        }
        TreeSet<CatalogTitle> episodes = episodesBySeries.get(episode.seriesId);
        return episodes == null ? null : episodes.higher(episode);
    }
}
