package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.schemas.events.TitleKind;
import io.reelstream.udfs.continuewatching.model.CatalogLookup;
import io.reelstream.udfs.continuewatching.model.ContinueWatchingSettings;
import io.reelstream.udfs.continuewatching.model.InMemoryCatalog;
import io.reelstream.udfs.continuewatching.model.PlaybackOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Named instants, a small catalog and viewing-session factories for continue-watching tests. */
public final class ContinueWatchingFixtures {

    public static final String USER = "user-1";
    public static final long T0 = Instant.parse("2026-11-01T20:00:00Z").toEpochMilli();
    public static final long MINUTE = Duration.ofMinutes(1).toMillis();
    public static final long HEARTBEAT_MS = Duration.ofSeconds(30).toMillis();

    public static final String SERIES = "show-1";
    public static final long EPISODE_RUNTIME = 40 * MINUTE;
    public static final long EPISODE_CREDITS = 36 * MINUTE;
    public static final String MOVIE = "movie-1";
    public static final long MOVIE_RUNTIME = 120 * MINUTE;
    public static final String UNKNOWN = "not-in-catalog";

    private ContinueWatchingFixtures() {}

    /** Episode id of series {@link #SERIES}, season 1..2, episode 1..3. */
    public static String episode(int season, int episode) {
        return SERIES + "-s" + season + "e" + episode;
    }

    public static List<CatalogRecord> catalog() {
        List<CatalogRecord> records = new ArrayList<>();
        for (int season = 1; season <= 2; season++) {
            for (int ep = 1; ep <= 3; ep++) {
                records.add(
                        new CatalogRecord(
                                1,
                                episode(season, ep),
                                "Episode " + ep,
                                TitleKind.EPISODE,
                                SERIES,
                                season,
                                ep,
                                EPISODE_RUNTIME,
                                EPISODE_CREDITS,
                                List.of("drama"),
                                T0 - 10 * MINUTE));
            }
        }
        records.add(movie(MOVIE, MOVIE_RUNTIME));
        return records;
    }

    public static CatalogRecord movie(String titleId, long runtimeMs) {
        return new CatalogRecord(
                1,
                titleId,
                "Movie " + titleId,
                TitleKind.MOVIE,
                null,
                null,
                null,
                runtimeMs,
                null,
                List.of("comedy"),
                T0 - 10 * MINUTE);
    }

    public static InMemoryCatalog catalogIndex() {
        InMemoryCatalog index = new InMemoryCatalog();
        for (CatalogRecord record : catalog()) {
            index.put(CatalogTitle.of(record));
        }
        return index;
    }

    public static long runtimeOf(String titleId) {
        if (titleId.startsWith(SERIES)) {
            return EPISODE_RUNTIME;
        }
        return titleId.equals(MOVIE) ? MOVIE_RUNTIME : 60 * MINUTE;
    }

    public static PlaybackEvent event(
            String user,
            String titleId,
            String playbackId,
            DeviceType device,
            PlaybackEventType type,
            long eventTime,
            long positionMs,
            String eventId) {
        return new PlaybackEvent(
                1,
                eventId,
                type,
                eventTime,
                user,
                null,
                device,
                "DE",
                titleId,
                playbackId,
                positionMs,
                runtimeOf(titleId),
                null);
    }

    /**
     * A playback session: START at {@code startAt} from {@code fromPosition}, a heartbeat every 30
     * s while playing {@code watchMs}, then {@code end} (STOP, PAUSE, COMPLETE or null for none).
     */
    public static List<PlaybackEvent> session(
            String user,
            String titleId,
            String playbackId,
            DeviceType device,
            long startAt,
            long fromPosition,
            long watchMs,
            PlaybackEventType end) {
        List<PlaybackEvent> events = new ArrayList<>();
        int n = 0;
        events.add(
                event(
                        user,
                        titleId,
                        playbackId,
                        device,
                        PlaybackEventType.START,
                        startAt,
                        fromPosition,
                        playbackId + "-" + n++));
        for (long played = HEARTBEAT_MS; played <= watchMs; played += HEARTBEAT_MS) {
            events.add(
                    event(
                            user,
                            titleId,
                            playbackId,
                            device,
                            PlaybackEventType.HEARTBEAT,
                            startAt + played,
                            fromPosition + played,
                            playbackId + "-" + n++));
        }
        if (end != null) {
            events.add(
                    event(
                            user,
                            titleId,
                            playbackId,
                            device,
                            end,
                            startAt + watchMs + 1,
                            fromPosition + watchMs,
                            playbackId + "-" + n));
        }
        return events;
    }

    public static List<PlaybackEvent> session(
            String titleId, String playbackId, long startAt, long fromPosition, long watchMs) {
        return session(
                USER,
                titleId,
                playbackId,
                DeviceType.TV,
                startAt,
                fromPosition,
                watchMs,
                PlaybackEventType.STOP);
    }

    /** Applies events in {@link PlaybackOrder} to a fresh model. */
    public static ContinueWatchingRow applySorted(
            List<PlaybackEvent> events, CatalogLookup catalog, ContinueWatchingSettings settings) {
        List<PlaybackEvent> sorted = new ArrayList<>(events);
        sorted.sort(PlaybackOrder.EVENTS);
        ContinueWatchingRow row = new ContinueWatchingRow();
        for (PlaybackEvent event : sorted) {
            row.apply(event, catalog, settings);
        }
        return row;
    }

    public static List<String> titleIds(List<ContinueWatchingEntry> entries) {
        List<String> ids = new ArrayList<>();
        for (ContinueWatchingEntry entry : entries) {
            ids.add(entry.titleId());
        }
        return ids;
    }
}
