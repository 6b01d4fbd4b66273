package io.reelstream.generator;

import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.events.SearchEvent;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.schemas.json.JsonEncoder;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Encodes generated events into keyed records and damages a configured share of them. */
final class RecordFactory {

    private final double malformedShare;
    private final JsonEncoder<PlaybackEvent> playback = EventCodecs.playbackEncoder();
    private final JsonEncoder<QoeEvent> qoe = EventCodecs.qoeEncoder();
    private final JsonEncoder<SearchEvent> search = EventCodecs.searchEncoder();
    private final JsonEncoder<CatalogRecord> catalog = EventCodecs.catalogEncoder();

    RecordFactory(double malformedShare) {
        this.malformedShare = malformedShare;
    }

    /** Keyed by user, so one member's events stay in order in one partition. */
    GeneratedRecord playback(PlaybackEvent event, SplittableRandom random) {
        return maybeMalformed(
                new GeneratedRecord(
                        TopicKind.PLAYBACK,
                        event.userId(),
                        playback.encode(event),
                        event.eventTime(),
                        null),
                random);
    }

    /** Keyed by playback session. */
    GeneratedRecord qoe(QoeEvent event, SplittableRandom random) {
        return maybeMalformed(
                new GeneratedRecord(
                        TopicKind.QOE,
                        event.playbackId(),
                        qoe.encode(event),
                        event.eventTime(),
                        null),
                random);
    }

    /** The same sample in CMCD query form, keyed by playback session. */
    GeneratedRecord cmcd(QoeEvent event, SplittableRandom random) {
        byte[] value = CmcdFormatter.format(event).getBytes(StandardCharsets.UTF_8);
        return maybeMalformed(
                new GeneratedRecord(
                        TopicKind.CMCD, event.playbackId(), value, event.eventTime(), null),
                random);
    }

    GeneratedRecord search(SearchEvent event, SplittableRandom random) {
        return maybeMalformed(
                new GeneratedRecord(
                        TopicKind.SEARCH,
                        event.userId(),
                        search.encode(event),
                        event.eventTime(),
                        null),
                random);
    }

    /**
     * Always valid: a damaged catalog record is sent in addition, see {@link #malformedCatalog}.
     */
    GeneratedRecord catalog(CatalogRecord record) {
        return new GeneratedRecord(
                TopicKind.CATALOG,
                record.titleId(),
                catalog.encode(record),
                record.updatedAt(),
                null);
    }

    /** A damaged copy of a catalog record, or {@code null} (share {@code malformedShare}). */
    GeneratedRecord malformedCatalog(CatalogRecord record, SplittableRandom random) {
        return random.nextDouble() < malformedShare
                ? Malformer.malform(catalog(record), random)
                : null;
    }

    private GeneratedRecord maybeMalformed(GeneratedRecord valid, SplittableRandom random) {
        return malformedShare > 0 && random.nextDouble() < malformedShare
                ? Malformer.malform(valid, random)
                : valid;
    }
}
