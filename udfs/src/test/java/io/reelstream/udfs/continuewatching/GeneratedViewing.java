package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.HEARTBEAT_MS;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.MINUTE;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.MOVIE;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.T0;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.UNKNOWN;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.episode;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.runtimeOf;

/**
 * Random but reproducible viewing: binges, samples, rewatches, seeks, devices overlapping on the
 * same title, switches in the same millisecond, duplicates; and a bounded-disorder arrival order.
 */
final class GeneratedViewing {

    private static final DeviceType[] DEVICES = {DeviceType.TV, DeviceType.MOBILE, DeviceType.WEB};
    private static final PlaybackEventType[] ENDS = {
        PlaybackEventType.STOP, PlaybackEventType.PAUSE, PlaybackEventType.COMPLETE, null, null
    };

    private GeneratedViewing() {}

    static List<String> titles() {
        List<String> titles = new ArrayList<>();
        for (int season = 1; season <= 2; season++) {
            for (int ep = 1; ep <= 3; ep++) {
                titles.add(episode(season, ep));
            }
        }
        titles.add(MOVIE);
        titles.add(UNKNOWN);
        titles.add("film-x");
        return titles;
    }

    /** Events of {@code users} users, {@code sessions} sessions each, over about six hours. */
    static List<PlaybackEvent> events(long seed, int users, int sessions) {
        Random rnd = new Random(seed);
        List<String> titles = titles();
        List<PlaybackEvent> events = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String user = "user-" + u;
            long lastEnd = T0;
            for (int s = 0; s < sessions; s++) {
                String title = titles.get(rnd.nextInt(titles.size()));
                long runtime = runtimeOf(title);
                long start = rnd.nextInt(4) == 0 ? lastEnd : T0 + (long) rnd.nextInt(360) * MINUTE;
                long from =
                        switch (rnd.nextInt(4)) {
                            case 0 -> 0;
                            case 1 -> runtime - (long) rnd.nextInt(10) * MINUTE;
                            default -> (long) rnd.nextInt((int) (runtime / MINUTE)) * MINUTE;
                        };
                long watch = (long) rnd.nextInt(rnd.nextBoolean() ? 12 : 90) * HEARTBEAT_MS / 2;
                String playback = user + "-p" + s;
                List<PlaybackEvent> session =
                        ContinueWatchingFixtures.session(
                                user,
                                title,
                                playback,
                                DEVICES[rnd.nextInt(DEVICES.length)],
                                start,
                                Math.max(0, from),
                                watch,
                                ENDS[rnd.nextInt(ENDS.length)]);
                if (rnd.nextInt(3) == 0 && session.size() > 3) {
                    session =
                            withSeek(
                                    session,
                                    2,
                                    (long) rnd.nextInt((int) (runtime / MINUTE)) * MINUTE);
                }
                if (rnd.nextInt(6) == 0) {
                    session.add(session.get(rnd.nextInt(session.size())));
                }
                events.addAll(session);
                lastEnd = session.get(session.size() - 1).eventTime();
            }
        }
        return events;
    }

    /** The session seeks to {@code to} right after event {@code at}; later positions follow. */
    private static List<PlaybackEvent> withSeek(List<PlaybackEvent> session, int at, long to) {
        PlaybackEvent from = session.get(at);
        long shift = to - from.positionMs();
        List<PlaybackEvent> seeking = new ArrayList<>(session.subList(0, at + 1));
        seeking.add(
                new PlaybackEvent(
                        1,
                        from.playbackId() + "-seek",
                        PlaybackEventType.SEEK,
                        from.eventTime() + 1,
                        from.userId(),
                        null,
                        from.deviceType(),
                        "DE",
                        from.titleId(),
                        from.playbackId(),
                        to,
                        from.runtimeMs(),
                        from.positionMs()));
        for (PlaybackEvent e : session.subList(at + 1, session.size())) {
            seeking.add(
                    new PlaybackEvent(
                            e.v(),
                            e.eventId(),
                            e.type(),
                            e.eventTime(),
                            e.userId(),
                            e.profileId(),
                            e.deviceType(),
                            e.country(),
                            e.titleId(),
                            e.playbackId(),
                            Math.max(0, e.positionMs() + shift),
                            e.runtimeMs(),
                            e.seekFromMs()));
        }
        return seeking;
    }

    /** Arrival order: each event delayed by up to {@code maxDelayMs}, ties broken randomly. */
    static List<PlaybackEvent> arrivalOrder(
            List<PlaybackEvent> events, long seed, long maxDelayMs) {
        Random rnd = new Random(seed * 31 + 7);
        List<long[]> keyed = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            long arrival = events.get(i).eventTime() + (long) (rnd.nextDouble() * maxDelayMs);
            keyed.add(new long[] {arrival, rnd.nextLong(), i});
        }
        keyed.sort(Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]));
        List<PlaybackEvent> arrival = new ArrayList<>();
        for (long[] k : keyed) {
            arrival.add(events.get((int) k[2]));
        }
        return arrival;
    }
}
