package io.reelstream.generator;

import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.TitleKind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The generated catalog: movies and series with seasons and episodes, genres drawn from the show's
 * taste cluster, Zipf popularity over shows (globally and within each cluster), and the planted
 * {@link Franchises} and {@link Companions} that order what members watch next.
 */
public final class Catalog {

    static final List<String> GENRES =
            List.of(
                    "drama",
                    "comedy",
                    "thriller",
                    "sci-fi",
                    "documentary",
                    "animation",
                    "romance",
                    "crime",
                    "horror",
                    "fantasy",
                    "action",
                    "reality",
                    "kids",
                    "history",
                    "music",
                    "sports");

    private static final List<String> WORDS_A =
            List.of(
                    "Silent",
                    "Broken",
                    "Golden",
                    "Last",
                    "Hidden",
                    "Wild",
                    "Dark",
                    "Bright",
                    "Lost",
                    "Iron",
                    "Crimson",
                    "Frozen",
                    "Secret",
                    "Endless",
                    "Northern");
    private static final List<String> WORDS_B =
            List.of(
                    "River",
                    "Empire",
                    "Signal",
                    "Harbor",
                    "Kingdom",
                    "Orbit",
                    "Garden",
                    "Frontier",
                    "Machine",
                    "Tide",
                    "Circus",
                    "Archive",
                    "Summit",
                    "Station");

    private final List<Show> showsByRank;
    private final List<List<Show>> showsByCluster;
    private final Map<String, CatalogRecord> titlesById = new HashMap<>();
    private final Map<String, Show> showByTitleId = new HashMap<>();
    private final List<CatalogRecord> allTitles;
    private final ZipfSampler globalPopularity;
    private final List<ZipfSampler> clusterPopularity = new ArrayList<>();
    private final Franchises franchises;
    private final Companions companions;
    private final Releases releases;
    private final Map<String, Integer> rankInCluster = new HashMap<>();

    Catalog(GeneratorConfig config, SplittableRandom random) {
        List<Show> shows = createShows(config, random);
        List<Integer> ranks = new ArrayList<>();
        for (int i = 0; i < shows.size(); i++) {
            ranks.add(i);
        }
        Collections.shuffle(ranks, new java.util.Random(random.nextLong()));
        Show[] byRank = new Show[shows.size()];
        for (int i = 0; i < shows.size(); i++) {
            Show s = shows.get(i);
            Show ranked = new Show(s.showId(), s.cluster(), ranks.get(i), s.titles());
            byRank[ranked.popularityRank()] = ranked;
        }
        showsByRank = List.of(byRank);
        showsByCluster = new ArrayList<>();
        for (int c = 0; c < config.clusters(); c++) {
            showsByCluster.add(new ArrayList<>());
        }
        for (Show show : showsByRank) {
            rankInCluster.put(show.showId(), showsByCluster.get(show.cluster()).size());
            showsByCluster.get(show.cluster()).add(show);
            for (CatalogRecord title : show.titles()) {
                titlesById.put(title.titleId(), title);
                showByTitleId.put(title.titleId(), show);
            }
        }
        List<CatalogRecord> all = new ArrayList<>(titlesById.size());
        for (Show show : showsByRank) {
            all.addAll(show.titles());
        }
        allTitles = List.copyOf(all);
        globalPopularity = new ZipfSampler(showsByRank.size(), config.zipfExponent());
        for (List<Show> clusterShows : showsByCluster) {
            clusterPopularity.add(
                    clusterShows.isEmpty()
                            ? null
                            : new ZipfSampler(clusterShows.size(), config.zipfExponent()));
        }
        SplittableRandom structure = random.split();
        franchises = new Franchises(showsByCluster, config.franchiseShare(), structure);
        companions = new Companions(showsByRank, config.companionShare(), franchises, structure);
        releases = new Releases(showsByRank, config, random.split());
    }

    /** Which shows are released during the run, and when. */
    public Releases releases() {
        return releases;
    }

    public Franchises franchises() {
        return franchises;
    }

    public Companions companions() {
        return companions;
    }

    /** Shows, most popular first. */
    public List<Show> shows() {
        return showsByRank;
    }

    /** Every title (movies and episodes), most popular show first, episodes in order. */
    public List<CatalogRecord> titles() {
        return allTitles;
    }

    public CatalogRecord title(String titleId) {
        return titlesById.get(titleId);
    }

    public Show showOf(String titleId) {
        return showByTitleId.get(titleId);
    }

    /** The planted taste cluster of a title (its show's cluster). */
    public int clusterOfTitle(String titleId) {
        return showByTitleId.get(titleId).cluster();
    }

    /** The episode after {@code titleId} in its series, if any. */
    public Optional<CatalogRecord> nextEpisode(String titleId) {
        Show show = showByTitleId.get(titleId);
        List<CatalogRecord> titles = show.titles();
        int index = titles.indexOf(titlesById.get(titleId));
        return index >= 0 && index + 1 < titles.size()
                ? Optional.of(titles.get(index + 1))
                : Optional.empty();
    }

    /**
     * The probability that a member of {@code cluster} picks {@code show} by {@link #pickShow}:
     * {@code affinity} times its Zipf weight within its cluster (if it is the member's) plus the
     * rest times its global Zipf weight.
     */
    double pickWeight(Show show, int cluster, double affinity) {
        if (clusterPopularity.get(cluster) == null) {
            return globalWeight(show);
        }
        double inCluster =
                show.cluster() == cluster
                        ? clusterPopularity.get(cluster).weight(rankInCluster.get(show.showId()))
                        : 0;
        return affinity * inCluster + (1 - affinity) * globalWeight(show);
    }

    /** The global Zipf weight of {@code show}: its share of picks across the whole catalog. */
    double globalWeight(Show show) {
        return globalPopularity.weight(show.popularityRank());
    }

    Show pickShow(int cluster, double affinity, SplittableRandom random) {
        ZipfSampler inCluster = clusterPopularity.get(cluster);
        if (inCluster != null && random.nextDouble() < affinity) {
            return showsByCluster.get(cluster).get(inCluster.sample(random));
        }
        return showsByRank.get(globalPopularity.sample(random));
    }

    /** Genres a cluster prefers: two per cluster, spread over the genre list. */
    static List<String> clusterGenres(int cluster) {
        return List.of(
                GENRES.get(cluster % GENRES.size()), GENRES.get((cluster * 7 + 3) % GENRES.size()));
    }

    private static List<Show> createShows(GeneratorConfig config, SplittableRandom random) {
        List<Show> shows = new ArrayList<>();
        int titleCount = 0;
        int showNumber = 0;
        long updatedAt = config.startMillis() - 86_400_000L;
        while (titleCount < config.titles()) {
            showNumber++;
            int cluster = random.nextInt(config.clusters());
            List<String> genres = genres(cluster, random);
            String name =
                    WORDS_A.get(random.nextInt(WORDS_A.size()))
                            + " "
                            + WORDS_B.get(random.nextInt(WORDS_B.size()));
            int remaining = config.titles() - titleCount;
            boolean series = remaining > 1 && random.nextDouble() < 0.25;
            List<CatalogRecord> titles = new ArrayList<>();
            if (series) {
                String seriesId = String.format("show-%05d", showNumber);
                int seasons = 1 + random.nextInt(3);
                int perSeason = 6 + random.nextInt(5);
                long runtime = (22 + random.nextInt(39)) * 60_000L;
                for (int s = 1; s <= seasons && titles.size() < remaining; s++) {
                    for (int e = 1; e <= perSeason && titles.size() < remaining; e++) {
                        long episodeRuntime = runtime + random.nextInt(-120, 121) * 1_000L;
                        titles.add(
                                new CatalogRecord(
                                        CatalogRecord.CURRENT_VERSION,
                                        String.format("t-%06d", titleCount + titles.size() + 1),
                                        name + " S" + s + "E" + e,
                                        TitleKind.EPISODE,
                                        seriesId,
                                        s,
                                        e,
                                        episodeRuntime,
                                        episodeRuntime - (30 + random.nextInt(90)) * 1_000L,
                                        genres,
                                        updatedAt));
                    }
                }
                shows.add(new Show(seriesId, cluster, -1, List.copyOf(titles)));
            } else {
                long runtime = (80 + random.nextInt(71)) * 60_000L;
                String titleId = String.format("t-%06d", titleCount + 1);
                titles.add(
                        new CatalogRecord(
                                CatalogRecord.CURRENT_VERSION,
                                titleId,
                                name,
                                TitleKind.MOVIE,
                                null,
                                null,
                                null,
                                runtime,
                                runtime - (3 + random.nextInt(8)) * 60_000L,
                                genres,
                                updatedAt));
                shows.add(new Show(titleId, cluster, -1, List.copyOf(titles)));
            }
            titleCount += titles.size();
        }
        return shows;
    }

    private static List<String> genres(int cluster, SplittableRandom random) {
        List<String> preferred = clusterGenres(cluster);
        String first = preferred.get(random.nextInt(2));
        String second =
                random.nextDouble() < 0.7
                        ? preferred.get(preferred.indexOf(first) ^ 1)
                        : GENRES.get(random.nextInt(GENRES.size()));
        return first.equals(second) ? List.of(first) : List.of(first, second);
    }
}
