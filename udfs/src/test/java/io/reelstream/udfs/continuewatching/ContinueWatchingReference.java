package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.udfs.continuewatching.model.CatalogLookup;
import io.reelstream.udfs.continuewatching.model.ContinueWatchingSettings;
import io.reelstream.udfs.continuewatching.model.PlaybackOrder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The row computed the slow, obvious way, for verification only (tests, ITCases, the generator's
 * expected results): sort every event of a user, keep each title's full history and recompute watch
 * time from it after every event. Quadratic; never use it in a job.
 */
public final class ContinueWatchingReference {

    private ContinueWatchingReference() {}

    /** One title: its history of applied events and the verdicts drawn from it. */
    private static final class Title {
        final String id;
        String showId;
        long runtime;
        final List<PlaybackEvent> history = new ArrayList<>();

        /** Per history index: whether the step into it counts as watching. */
        final List<Boolean> counts = new ArrayList<>();

        int countFrom;
        long position;
        PlaybackEvent last;
        long lastWatchedAt;
        io.reelstream.schemas.events.DeviceType device;
        long seq;
        boolean entered;
        boolean completed;
        long completedAt;
        long completedSeq;

        Title(String id) {
            this.id = id;
            this.showId = id;
        }

        long watched() {
            long total = 0;
            for (int i = Math.max(countFrom, 1); i < history.size(); i++) {
                PlaybackEvent prev = history.get(i - 1);
                PlaybackEvent cur = history.get(i);
                if (!counts.get(i) || i - 1 < countFrom) {
                    continue;
                }
                if (prev.playbackId() == null || !prev.playbackId().equals(cur.playbackId())) {
                    continue;
                }
                long reached =
                        cur.type() == PlaybackEventType.SEEK && cur.seekFromMs() != null
                                ? cur.seekFromMs()
                                : cur.positionMs();
                long delta = reached - prev.positionMs();
                long elapsed = cur.eventTime() - prev.eventTime();
                if (delta > 0 && elapsed >= 0) {
                    total += Math.min(delta, elapsed);
                }
            }
            return total;
        }
    }

    /**
     * The row of one user after {@code events} (any order), as of event time {@code now}.
     *
     * @param events all playback events of one user
     * @param catalog the catalog as it was when the events were processed
     * @param settings the row rules
     * @param now entries last watched at or before {@code now - maxAge} are expired
     */
    public static List<ContinueWatchingEntry> row(
            List<PlaybackEvent> events,
            CatalogLookup catalog,
            ContinueWatchingSettings settings,
            long now) {
        List<PlaybackEvent> sorted = new ArrayList<>(events);
        sorted.sort(PlaybackOrder.EVENTS);
        Map<String, Title> titles = new LinkedHashMap<>();
        long seq = 0;
        for (PlaybackEvent e : sorted) {
            Title t = titles.computeIfAbsent(e.titleId(), Title::new);
            if (t.last != null && PlaybackOrder.EVENTS.compare(e, t.last) <= 0) {
                continue;
            }
            CatalogTitle known = catalog.title(e.titleId());
            t.showId = known != null ? known.showId() : e.titleId();
            t.runtime = known != null && known.runtimeMs > 0 ? known.runtimeMs : e.runtimeMs();
            t.history.add(e);
            t.counts.add(!t.completed);
            t.last = e;
            t.lastWatchedAt = e.eventTime();
            t.device = e.deviceType();
            t.seq = ++seq;
            boolean movesBookmark =
                    switch (e.type()) {
                        case HEARTBEAT, PAUSE, SEEK, STOP -> true;
                        default -> false;
                    };
            if (movesBookmark) {
                t.position = e.positionMs();
            }
            if (movesBookmark || e.type() == PlaybackEventType.COMPLETE) {
                boolean finished =
                        e.type() == PlaybackEventType.COMPLETE
                                || (t.runtime > 0
                                        && t.position >= settings.completionThreshold() * t.runtime)
                                || (known != null
                                        && known.creditsOffsetMs != null
                                        && known.creditsOffsetMs > 0
                                        && t.position >= known.creditsOffsetMs);
                if (finished && !t.completed) {
                    t.completed = true;
                    t.entered = false;
                    t.completedAt = t.lastWatchedAt;
                    t.completedSeq = t.seq;
                    t.countFrom = t.history.size();
                    Optional<CatalogTitle> next = Optional.ofNullable(catalog.nextEpisode(known));
                    if (next.isPresent()) {
                        seq = handOff(titles, next.get(), e, seq);
                    }
                } else if (!finished && t.completed) {
                    t.completed = false;
                }
            }
            if (!t.completed && !t.entered && t.watched() >= settings.minWatchMs()) {
                t.entered = true;
            }
        }
        return view(titles.values(), settings, now);
    }

    private static long handOff(
            Map<String, Title> titles, CatalogTitle next, PlaybackEvent cause, long seq) {
        Title n = titles.computeIfAbsent(next.titleId, Title::new);
        boolean keep = n.last != null && !n.completed;
        n.showId = next.showId();
        n.runtime = next.runtimeMs;
        if (!keep) {
            n.position = 0;
            n.countFrom = n.history.size();
        }
        n.completed = false;
        n.entered = true;
        // the anchor is dropped: the step into the next event of this title does not count
        n.countFrom = Math.max(n.countFrom, n.history.size());
        if (n.last == null || PlaybackOrder.EVENTS.compare(cause, n.last) > 0) {
            n.last = cause;
            n.lastWatchedAt = cause.eventTime();
            n.device = cause.deviceType();
        }
        n.seq = ++seq;
        return seq;
    }

    private static List<ContinueWatchingEntry> view(
            Iterable<Title> titles, ContinueWatchingSettings settings, long now) {
        Map<String, List<Title>> byShow = new HashMap<>();
        for (Title t : titles) {
            if (t.lastWatchedAt + settings.maxAgeMs() > now && (t.entered || t.completed)) {
                byShow.computeIfAbsent(t.showId, k -> new ArrayList<>()).add(t);
            }
        }
        List<Title> shown = new ArrayList<>();
        for (List<Title> show : byShow.values()) {
            show.sort(
                    Comparator.comparingLong(
                                    (Title t) -> t.completed ? t.completedAt : t.lastWatchedAt)
                            .thenComparingLong(t -> t.completed ? t.completedSeq : t.seq)
                            .reversed());
            if (!show.get(0).completed) {
                shown.add(show.get(0));
            }
        }
        shown.sort(
                Comparator.comparingLong((Title t) -> t.lastWatchedAt)
                        .thenComparingLong(t -> t.seq)
                        .reversed());
        List<ContinueWatchingEntry> row = new ArrayList<>();
        for (Title t : shown.subList(0, Math.min(shown.size(), settings.maxEntries()))) {
            double progress = t.runtime > 0 ? Math.min(1.0, (double) t.position / t.runtime) : 0;
            row.add(
                    new ContinueWatchingEntry(
                            t.id,
                            t.showId,
                            t.position,
                            t.runtime,
                            progress,
                            t.lastWatchedAt,
                            t.device));
        }
        return row;
    }
}
