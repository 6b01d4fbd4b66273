package io.reelstream.tests.recs;

import io.reelstream.generator.Catalog;
import io.reelstream.generator.GeneratedRecord;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.mf.EngagementRules;
import io.reelstream.udfs.recs.model.RecsSettings;
import io.reelstream.udfs.traininglog.TrainingLabels;

import org.apache.flink.configuration.Configuration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each member's interactions with shows, derived from generator playback the obvious way, for
 * verification (which members the recommendation job must serve; the training log's labels, point
 * in time): a playback becomes one interaction at its first STOP or COMPLETE, weighted by the
 * engagement rules over its furthest position, at its newest event time, on its title's series (or
 * the title itself for a movie).
 *
 * <p>It assumes what the generator guarantees: every playback ends with STOP or COMPLETE, and no
 * playback is quiet for the playback timeout (pauses are at most 5 minutes, the timeout is 30). It
 * checks the second part and fails loudly if the traffic breaks it.
 */
public final class MemberTimelines {

    /** One interaction of a member. */
    public record Play(String showId, float weight, long eventTime) {}

    private final Map<String, List<Play>> byMember = new HashMap<>();
    private final EngagementRules rules;

    /** From {@code playback}, with {@code catalog} rolling episodes up to their series. */
    public MemberTimelines(List<GeneratedRecord> playback, Catalog catalog, RecsSettings settings) {
        this.rules = settings.engagement();
        var decoder =
                EventCodecs.playbackDecoder(IngestOptions.from(new Configuration()).decodeLimits());
        Map<String, long[]> open = new HashMap<>();
        Set<String> finished = new HashSet<>();
        long now = System.currentTimeMillis();
        for (GeneratedRecord record : playback) {
            RawRecord raw =
                    new RawRecord("playback", 0, 0, record.eventTime(), null, record.value());
            if (!(decoder.decode(raw, now) instanceof DecodeResult.Ok<PlaybackEvent> ok)
                    || finished.contains(ok.value().playbackId())) {
                continue;
            }
            PlaybackEvent event = ok.value();
            // furthest position, runtime, completed (0/1), newest event time
            long[] state = open.computeIfAbsent(event.playbackId(), id -> new long[4]);
            if (state[3] != 0 && event.eventTime() - state[3] >= settings.playbackTimeoutMs()) {
                throw new IllegalStateException(
                        "playback " + event.playbackId() + " was quiet longer than the timeout");
            }
            state[0] = Math.max(state[0], event.positionMs());
            state[1] = event.runtimeMs();
            state[2] |= event.type() == PlaybackEventType.COMPLETE ? 1 : 0;
            state[3] = Math.max(state[3], event.eventTime());
            if (event.type() == PlaybackEventType.STOP
                    || event.type() == PlaybackEventType.COMPLETE) {
                open.remove(event.playbackId());
                finished.add(event.playbackId());
                float weight = rules.weight(state[0], state[1], state[2] == 1);
                if (weight != 0) {
                    CatalogRecord title = catalog.title(event.titleId());
                    String show = title != null ? title.showId() : event.titleId();
                    byMember.computeIfAbsent(event.userId(), m -> new ArrayList<>())
                            .add(new Play(show, weight, state[3]));
                }
            }
        }
    }

    /** The members with at least one interaction (of non-zero weight). */
    public Set<String> members() {
        return Set.copyOf(byMember.keySet());
    }

    /** The label rule of the training log over {@code (decidedAt, closedAt]}. */
    public float label(String member, String show, long decidedAt, long closedAt) {
        float label = 0f;
        for (Play play : byMember.getOrDefault(member, List.of())) {
            if (play.showId().equals(show)
                    && play.eventTime() > decidedAt
                    && play.eventTime() <= closedAt) {
                label =
                        Math.max(
                                label,
                                TrainingLabels.relevance(play.weight(), rules.completionWeight()));
            }
        }
        return label;
    }

    /** Distinct shows the member interacted with at or before {@code at}. */
    public int showsUpTo(String member, long at) {
        Set<String> shows = new HashSet<>();
        for (Play play : byMember.getOrDefault(member, List.of())) {
            if (play.eventTime() <= at) {
                shows.add(play.showId());
            }
        }
        return shows.size();
    }

    /** Event times of the member's plays of {@code show} at or before {@code at}. */
    public List<Long> playTimesUpTo(String member, String show, long at) {
        return byMember.getOrDefault(member, List.of()).stream()
                .filter(p -> p.showId().equals(show) && p.eventTime() <= at)
                .map(Play::eventTime)
                .toList();
    }

    /** The member's positive plays (of any show) in {@code [from, to]}. */
    public int positivePlays(String member, long from, long to) {
        return (int)
                byMember.getOrDefault(member, List.of()).stream()
                        .filter(p -> p.weight() > 0 && p.eventTime() >= from && p.eventTime() <= to)
                        .count();
    }

    /** The member's plays of {@code show}, for failure messages. */
    public String playsOf(String member, String show) {
        return byMember.getOrDefault(member, List.of()).stream()
                .filter(p -> p.showId().equals(show))
                .toList()
                .toString();
    }
}
