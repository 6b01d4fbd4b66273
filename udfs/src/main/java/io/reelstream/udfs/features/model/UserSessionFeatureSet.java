package io.reelstream.udfs.features.model;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.features.FeatureSetNames;
import io.reelstream.schemas.features.UserFeatureVector;
import io.reelstream.udfs.features.SliceAccumulator;
import io.reelstream.udfs.features.UserSession;
import io.reelstream.udfs.features.UserTimeline;
import io.reelstream.udfs.windows.SlicedWindow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The definition of feature set {@value #NAME} (version {@value #VERSION}): its windows, names and
 * how window totals and sessions become values. Definitions, one line each, in docs/features.md;
 * changing any of them means a new {@link #VERSION}.
 */
public final class UserSessionFeatureSet {

    public static final String NAME = "user_session";
    public static final int VERSION = 1;

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    public static final SlicedWindow WINDOW_1H = new SlicedWindow("1h", HOUR, MINUTE);
    public static final SlicedWindow WINDOW_24H = new SlicedWindow("24h", DAY, 15 * MINUTE);
    public static final SlicedWindow WINDOW_7D = new SlicedWindow("7d", 7 * DAY, HOUR);

    /** The sliding windows, in vector order. */
    public static final List<SlicedWindow> WINDOWS = List.of(WINDOW_1H, WINDOW_24H, WINDOW_7D);

    public static final long SESSION_GAP_MS = 30 * MINUTE;
    public static final long CONVERSION_WINDOW_MS = 10 * MINUTE;
    public static final int TOP_GENRES = 3;
    public static final String UNKNOWN_GENRE = "unknown";

    private static final List<String> FIXED_NAMES = fixedNames();
    private static final String[] FIXED_NAMES_ARRAY = FIXED_NAMES.toArray(new String[0]);
    private static final DeviceType[] DEVICES = DeviceType.values();
    private static final List<String> UNKNOWN_GENRES = List.of(UNKNOWN_GENRE);
    private static final int MAX_CACHED_GENRES = 10_000;
    private static final Map<String, String[]> GENRE_SHARE_NAMES = new ConcurrentHashMap<>();

    private UserSessionFeatureSet() {}

    /** The largest window: users quiet for longer than this have no state. */
    public static long largestWindowMs() {
        return WINDOW_7D.sizeMs();
    }

    /** Names of the fixed-position features; genre shares follow them, named per genre. */
    public static List<String> fixedNames() {
        List<String> names = new ArrayList<>();
        for (SlicedWindow w : WINDOWS) {
            String s = "_" + w.name();
            names.add("watch_seconds" + s);
            names.add("plays_started" + s);
            names.add("distinct_titles" + s);
            names.add("completions" + s);
            names.add("completion_rate" + s);
            names.add("searches" + s);
            names.add("search_play_conversion" + s);
            for (DeviceType device : DeviceType.values()) {
                names.add("device_share" + s + ":" + device.name());
            }
        }
        names.add("sessions_24h");
        names.add("sessions_7d");
        names.add("mean_session_seconds_7d");
        names.add("last_session_seconds");
        names.add("titles_per_session_7d");
        names.add("seconds_since_last_play");
        return List.copyOf(names);
    }

    /**
     * The vector of one user.
     *
     * @param windowTotals merged slices of each window in {@link #WINDOWS}, at {@code asOf}
     * @param sessions the user's sessions (any order; those outside 7 days are ignored)
     * @param lastPlayAt event time of the newest playback event, or {@link UserTimeline#NONE}
     */
    public static UserFeatureVector vector(
            String userId,
            long asOf,
            long revision,
            List<SliceAccumulator> windowTotals,
            List<UserSession> sessions,
            long lastPlayAt,
            GenreLookup genres)
            throws Exception {
        int fixed = FIXED_NAMES.size();
        String[] names = FIXED_NAMES_ARRAY.clone();
        double[] values = new double[fixed + WINDOWS.size() * TOP_GENRES];
        int at = 0;
        for (SliceAccumulator t : windowTotals) {
            values[at++] = t.watchMs / 1000.0;
            values[at++] = t.playsStarted;
            values[at++] = t.titleWatchMs.size();
            values[at++] = t.completions;
            values[at++] =
                    t.playsStarted == 0
                            ? 0
                            : Math.min(1.0, t.completions / (double) t.playsStarted);
            values[at++] = t.searches;
            values[at++] = t.searches == 0 ? 0 : t.convertedSearches / (double) t.searches;
            for (DeviceType device : DEVICES) {
                values[at++] = t.watchMs == 0 ? 0 : t.deviceWatch(device) / (double) t.watchMs;
            }
        }
        at = addSessionFeatures(values, at, sessions, asOf);
        boolean playedIn7d =
                lastPlayAt != UserTimeline.NONE && WINDOW_7D.coversEvent(lastPlayAt, asOf);
        values[at++] = playedIn7d ? (asOf - lastPlayAt) / 1000.0 : -1;
        List<String> genreNames = new ArrayList<>(WINDOWS.size() * TOP_GENRES);
        // the windows share most titles: each title's genres are looked up once per vector
        Map<String, List<String>> genresOfTitle = new HashMap<>();
        for (int i = 0; i < WINDOWS.size(); i++) {
            at =
                    addGenreShares(
                            genreNames,
                            values,
                            at,
                            i,
                            windowTotals.get(i),
                            title -> lookUpOnce(genresOfTitle, genres, title));
        }
        if (!genreNames.isEmpty()) {
            names = Arrays.copyOf(names, fixed + genreNames.size());
            for (int i = 0; i < genreNames.size(); i++) {
                names[fixed + i] = genreNames.get(i);
            }
        }
        return new UserFeatureVector(
                userId, NAME, VERSION, asOf, revision, names, Arrays.copyOf(values, at), fixed);
    }

    private static int addSessionFeatures(
            double[] values, int at, List<UserSession> sessions, long asOf) {
        int in24h = 0;
        int in7d = 0;
        long length7d = 0;
        long titles7d = 0;
        UserSession last = null;
        for (UserSession s : sessions) {
            if (inWindow(WINDOW_24H, s, asOf)) {
                in24h++;
            }
            if (inWindow(WINDOW_7D, s, asOf)) {
                in7d++;
                length7d += s.lengthMs();
                titles7d += s.titleIds.size();
                if (last == null || s.end > last.end) {
                    last = s;
                }
            }
        }
        values[at++] = in24h;
        values[at++] = in7d;
        values[at++] = in7d == 0 ? 0 : length7d / 1000.0 / in7d;
        values[at++] = last == null ? 0 : last.lengthMs() / 1000.0;
        values[at++] = in7d == 0 ? 0 : titles7d / (double) in7d;
        return at;
    }

    /** Whether a session counts in a window: its last activity lies in the window's slices. */
    public static boolean inWindow(SlicedWindow window, UserSession session, long asOf) {
        return window.coversEvent(session.end, asOf);
    }

    /** Genre order of the shares: more watch time first, then by name. */
    private static boolean ranksBefore(long watch, String genre, long otherWatch, String other) {
        return watch > otherWatch || (watch == otherWatch && genre.compareTo(other) < 0);
    }

    private static List<String> lookUpOnce(
            Map<String, List<String>> known, GenreLookup genres, String titleId) throws Exception {
        List<String> found = known.get(titleId);
        if (found == null) {
            found = genres.genres(titleId);
            if (found == null || found.isEmpty()) {
                found = UNKNOWN_GENRES;
            }
            known.put(titleId, found);
        }
        return found;
    }

    /**
     * The name of a genre's share in window {@code window} ({@code genre_share_<window>:<genre>}):
     * one String per (window, genre) for the life of the JVM (genres are a small, slowly growing
     * set), so vectors repeat the same instances and rows' name lists hash and compare cheaply.
     */
    static String genreShareName(int window, String genre) {
        String[] byWindow = GENRE_SHARE_NAMES.get(genre);
        if (byWindow == null) {
            String[] made = new String[WINDOWS.size()];
            for (int w = 0; w < made.length; w++) {
                made[w] = "genre_share_" + WINDOWS.get(w).name() + ":" + genre;
            }
            if (GENRE_SHARE_NAMES.size() >= MAX_CACHED_GENRES) {
                return made[window]; // a catalog with unbounded genres: no caching
            }
            byWindow = Objects.requireNonNullElse(GENRE_SHARE_NAMES.putIfAbsent(genre, made), made);
        }
        return byWindow[window];
    }

    private static int addGenreShares(
            List<String> names,
            double[] values,
            int at,
            int window,
            SliceAccumulator totals,
            GenreLookup genres)
            throws Exception {
        if (totals.watchMs == 0) {
            return at;
        }
        Map<String, Long> genreWatch = new HashMap<>();
        for (Map.Entry<String, Long> title : totals.titleWatchMs.entrySet()) {
            for (String genre : genres.genres(title.getKey())) {
                genreWatch.merge(genre, title.getValue(), Long::sum);
            }
        }
        String[] topGenres = new String[TOP_GENRES];
        long[] topWatch = new long[TOP_GENRES];
        int count = 0;
        for (Map.Entry<String, Long> genre : genreWatch.entrySet()) {
            long watch = genre.getValue();
            if (watch <= 0) {
                continue;
            }
            int slot = count;
            while (slot > 0
                    && ranksBefore(
                            watch, genre.getKey(), topWatch[slot - 1], topGenres[slot - 1])) {
                slot--;
            }
            if (slot >= TOP_GENRES) {
                continue;
            }
            for (int k = Math.min(count, TOP_GENRES - 1); k > slot; k--) {
                topGenres[k] = topGenres[k - 1];
                topWatch[k] = topWatch[k - 1];
            }
            topGenres[slot] = genre.getKey();
            topWatch[slot] = watch;
            count = Math.min(count + 1, TOP_GENRES);
        }
        for (int i = 0; i < count; i++) {
            names.add(genreShareName(window, topGenres[i]));
            values[at++] = topWatch[i] / (double) totals.watchMs;
        }
        return at;
    }

    /** The names of the feature sets this engine defines, for readers of values-only rows. */
    public static FeatureSetNames featureSetNames() {
        return (featureSet, version) -> {
            if (NAME.equals(featureSet) && version == VERSION) {
                return fixedNames();
            }
            throw new IllegalArgumentException(
                    "unknown feature set " + featureSet + " v" + version);
        };
    }
}
