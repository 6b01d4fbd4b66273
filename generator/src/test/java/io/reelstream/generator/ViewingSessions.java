package io.reelstream.generator;

import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Members' viewing sessions read back from playback events alone (playback ids are {@code
 * pb-<session>-<n>}), in order per member, to measure what follows what.
 */
final class ViewingSessions {

    /**
     * One session as the events show it.
     *
     * @param userId member
     * @param show the show of its first START
     * @param completedMovie whether it completed a movie (a finished single-title show)
     * @param startedAt event time of its first playback event
     */
    record Viewing(String userId, Show show, boolean completedMovie, long startedAt) {}

    private ViewingSessions() {}

    /** Each member's sessions in the order they started. */
    static Map<String, List<Viewing>> byMember(TrafficGenerator generator, int records) {
        List<PlaybackEvent> events =
                GeneratorFixtures.playbacks(
                        generator.stream().limit(records).collect(Collectors.toList()));
        Map<String, List<PlaybackEvent>> bySession = new LinkedHashMap<>();
        for (PlaybackEvent e : events) {
            String playback = e.playbackId();
            bySession
                    .computeIfAbsent(
                            playback.substring(0, playback.lastIndexOf('-')),
                            k -> new ArrayList<>())
                    .add(e);
        }
        Map<String, List<Viewing>> byMember = new LinkedHashMap<>();
        bySession.values().stream()
                .sorted(Comparator.comparingLong(s -> s.get(0).eventTime()))
                .forEach(
                        s ->
                                byMember.computeIfAbsent(s.get(0).userId(), k -> new ArrayList<>())
                                        .add(viewing(generator.catalog(), s)));
        return byMember;
    }

    private static Viewing viewing(Catalog catalog, List<PlaybackEvent> session) {
        Set<String> completed = new HashSet<>();
        String firstStart = null;
        for (PlaybackEvent e : session) {
            if (e.type() == PlaybackEventType.START && firstStart == null) {
                firstStart = e.titleId();
            } else if (e.type() == PlaybackEventType.COMPLETE) {
                completed.add(e.titleId());
            }
        }
        Show show = catalog.showOf(firstStart != null ? firstStart : session.get(0).titleId());
        boolean movieDone = !show.isSeries() && completed.contains(show.titles().get(0).titleId());
        return new Viewing(session.get(0).userId(), show, movieDone, session.get(0).eventTime());
    }
}
