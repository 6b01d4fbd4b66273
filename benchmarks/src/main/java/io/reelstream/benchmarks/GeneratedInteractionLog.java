package io.reelstream.benchmarks;

import io.reelstream.generator.Catalog;
import io.reelstream.generator.GeneratedRecord;
import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.TopicKind;
import io.reelstream.generator.TrafficGenerator;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.udfs.mf.EngagementRules;
import io.reelstream.udfs.mf.ReplayInteraction;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The interaction log the streaming job would learn from generator traffic, derived without Kafka
 * or Flink: playback events decoded with the production decoder, one interaction per finished
 * playback weighted by {@link EngagementRules}, episodes rolled up to their series. Used to choose
 * and check hyperparameters by replay on traffic with planted taste clusters.
 */
public final class GeneratedInteractionLog {

    private final List<ReplayInteraction> interactions;
    private final Catalog catalog;

    private GeneratedInteractionLog(List<ReplayInteraction> interactions, Catalog catalog) {
        this.interactions = interactions;
        this.catalog = catalog;
    }

    /** Runs the generator for {@code records} records and derives the interactions. */
    public static GeneratedInteractionLog generate(
            GeneratorConfig config, long records, EngagementRules rules) {
        TrafficGenerator generator = new TrafficGenerator(config);
        EventDecoder<PlaybackEvent> decoder = EventCodecs.playbackDecoder(DecodeLimits.defaults());
        Map<String, long[]> progress = new HashMap<>();
        List<ReplayInteraction> interactions = new ArrayList<>();
        for (long n = 0; n < records; n++) {
            GeneratedRecord record = generator.next();
            if (record.kind() != TopicKind.PLAYBACK || !record.isValid()) {
                continue;
            }
            DecodeResult<PlaybackEvent> decoded =
                    decoder.decode(raw(record, n), record.eventTime());
            if (decoded instanceof DecodeResult.Ok<PlaybackEvent> ok) {
                track(ok.value(), progress, interactions, rules, generator.catalog());
            }
        }
        interactions.sort(java.util.Comparator.comparingLong(ReplayInteraction::timestampMs));
        return new GeneratedInteractionLog(interactions, generator.catalog());
    }

    public List<ReplayInteraction> interactions() {
        return interactions;
    }

    /** The planted taste cluster of a show. */
    public int clusterOfShow(String showId) {
        for (CatalogRecord title : catalog.titles()) {
            if (title.showId().equals(showId)) {
                return catalog.clusterOfTitle(title.titleId());
            }
        }
        return -1;
    }

    /**
     * Writes the shows' genres as CSV ({@code item,genres}, genres separated by {@code |}): the
     * catalog file {@code reelstream evaluate --catalog} reads beside the log.
     */
    public void writeCatalogCsv(Writer out) throws IOException {
        Map<String, java.util.Set<String>> genres = new java.util.TreeMap<>();
        for (CatalogRecord title : catalog.titles()) {
            genres.computeIfAbsent(title.showId(), s -> new java.util.TreeSet<>())
                    .addAll(title.genres());
        }
        out.write("item,genres\n");
        for (Map.Entry<String, java.util.Set<String>> show : genres.entrySet()) {
            out.write(show.getKey() + "," + String.join("|", show.getValue()) + "\n");
        }
    }

    /** Writes the log as CSV ({@code user,item,timestamp,weight}, timestamps in ms). */
    public void writeCsv(Writer out) throws IOException {
        out.write("user,item,timestamp,weight\n");
        for (ReplayInteraction i : interactions) {
            out.write(
                    String.format(
                            Locale.ROOT,
                            "%s,%s,%d,%s%n",
                            i.user(),
                            i.item(),
                            i.timestampMs(),
                            Float.toString(i.weight())));
        }
    }

    /** progress value: [furthest position, runtime, completed 0/1, last event time]. */
    private static void track(
            PlaybackEvent event,
            Map<String, long[]> progress,
            List<ReplayInteraction> out,
            EngagementRules rules,
            Catalog catalog) {
        long[] p = progress.computeIfAbsent(event.playbackId(), id -> new long[4]);
        p[0] = Math.max(p[0], event.positionMs());
        p[1] = event.runtimeMs();
        p[3] = Math.max(p[3], event.eventTime());
        if (event.type() == PlaybackEventType.COMPLETE) {
            p[2] = 1;
        }
        if (event.type() == PlaybackEventType.STOP || event.type() == PlaybackEventType.COMPLETE) {
            progress.remove(event.playbackId());
            float weight = rules.weight(p[0], p[1], p[2] == 1);
            if (weight != 0f) {
                String show = catalog.showOf(event.titleId()).showId();
                out.add(new ReplayInteraction(event.userId(), show, p[3], weight));
            }
        }
    }

    private static RawRecord raw(GeneratedRecord record, long offset) {
        return new RawRecord(
                "playback",
                0,
                offset,
                record.eventTime(),
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
                record.value());
    }
}
