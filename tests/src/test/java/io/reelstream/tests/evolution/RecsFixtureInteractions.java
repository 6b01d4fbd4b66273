package io.reelstream.tests.evolution;

import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.mf.EngagementRules;

import org.apache.flink.configuration.Configuration;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The members' shows in a recommendation fixture's input, derived the obvious way for the restore
 * test to check lists against (as {@code MemberTimelines} does for whole runs): a playback becomes
 * an interaction with its show (the catalog rolls episodes up) when it stops or completes, in the
 * phase of that event, if the engagement rules give it a non-zero weight. Those shows enter the
 * member's history in the job, which excludes them from the member's lists.
 */
final class RecsFixtureInteractions {

    private RecsFixtureInteractions() {}

    /** Member → shows of their interactions whose playback ended in {@code phase}. */
    static Map<String, Set<String>> ended(
            List<FixtureRecord> input, int version, int phase, EngagementRules rules) {
        Map<String, long[]> open = new HashMap<>();
        Map<String, Set<String>> shows = new HashMap<>();
        for (Played played : playback(input, version)) {
            PlaybackEvent event = played.event();
            // furthest position, runtime, completed (0/1), ended (0/1)
            long[] state = open.computeIfAbsent(event.playbackId(), id -> new long[4]);
            if (state[3] == 1) {
                continue;
            }
            state[0] = Math.max(state[0], event.positionMs());
            state[1] = event.runtimeMs();
            state[2] |= event.type() == PlaybackEventType.COMPLETE ? 1 : 0;
            if (event.type() == PlaybackEventType.STOP
                    || event.type() == PlaybackEventType.COMPLETE) {
                state[3] = 1;
                if (played.phase() == phase
                        && rules.weight(state[0], state[1], state[2] == 1) != 0) {
                    shows.computeIfAbsent(event.userId(), m -> new TreeSet<>()).add(played.show());
                }
            }
        }
        return shows;
    }

    /** Member → shows with any playback event in {@code phase}. */
    static Map<String, Set<String>> played(List<FixtureRecord> input, int version, int phase) {
        Map<String, Set<String>> shows = new HashMap<>();
        for (Played played : playback(input, version)) {
            if (played.phase() == phase) {
                shows.computeIfAbsent(played.event().userId(), m -> new TreeSet<>())
                        .add(played.show());
            }
        }
        return shows;
    }

    /** A decoded playback event of the fixture with the show its title rolls up to. */
    private record Played(int phase, PlaybackEvent event, String show) {}

    /** The fixture's playback events in input order (event time), with their shows. */
    private static List<Played> playback(List<FixtureRecord> input, int version) {
        var limits = IngestOptions.from(new Configuration()).decodeLimits();
        var catalog = EventCodecs.catalogDecoder(limits);
        var playback = EventCodecs.playbackDecoder(limits);
        Map<String, String> showOf = new HashMap<>();
        for (FixtureRecord record : input) {
            if (record.topic().equals(RecsSavepoints.catalogTopic(version))
                    && catalog.decode(raw(record), record.timestamp())
                            instanceof DecodeResult.Ok<CatalogRecord> ok) {
                showOf.put(ok.value().titleId(), ok.value().showId());
            }
        }
        if (showOf.isEmpty()) {
            throw new IllegalStateException("no catalog record decoded in the fixture");
        }
        List<Played> events = new ArrayList<>();
        for (FixtureRecord record : input) {
            if (record.topic().equals(RecsSavepoints.playbackTopic(version))
                    && playback.decode(raw(record), record.timestamp())
                            instanceof DecodeResult.Ok<PlaybackEvent> ok) {
                String title = ok.value().titleId();
                events.add(
                        new Played(record.phase(), ok.value(), showOf.getOrDefault(title, title)));
            }
        }
        return events;
    }

    private static RawRecord raw(FixtureRecord record) {
        return new RawRecord(
                record.topic(),
                record.partition(),
                0,
                record.timestamp(),
                record.key().isEmpty() ? null : record.key().getBytes(StandardCharsets.UTF_8),
                record.valueBytes());
    }
}
