package io.reelstream.benchmarks;

import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.schemas.events.SearchEvent;
import io.reelstream.schemas.events.TitleKind;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.schemas.json.JsonEncoder;

import org.apache.flink.connector.datagen.source.GeneratorFunction;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Raw records (the JSON of the contracts, as the Kafka sources deliver them) for {@code reelstream
 * bench state-growth}, generated from an index by {@link StateGrowthSchedule}: the jobs decode,
 * deduplicate and key them exactly as production traffic.
 */
public final class StateGrowthRecords {

    static final String PLAYBACK_TOPIC = "bench.playback";
    static final String SEARCH_TOPIC = "bench.search";
    static final String CATALOG_TOPIC = "bench.catalog";

    private static final DeviceType[] DEVICES = DeviceType.values();
    private static final String[] GENRES = {
        "drama", "comedy", "kids", "documentary", "action", "thriller", "romance", "anime"
    };

    private StateGrowthRecords() {}

    /** User id of member index {@code member}. */
    static String userId(StateGrowthSchedule schedule, long member) {
        return "sg-" + schedule.memberNumber(member);
    }

    /** Title of a member's session: a fixed hash of the member over {@code titles} titles. */
    static int titleOf(long memberNumber, int titles) {
        long h = memberNumber * 0x9E3779B97F4A7C15L;
        return (int) Math.floorMod(h ^ (h >>> 29), (long) titles);
    }

    /** Runtime of title {@code title}: 20 to 140 minutes. */
    static long runtimeMs(int title) {
        return Duration.ofMinutes(20 + title % 121).toMillis();
    }

    static String titleId(int title) {
        return "sgt-" + title;
    }

    /** Playback events: a session per member (start, heartbeats, stop or complete). */
    public static final class Playback implements GeneratorFunction<Long, RawRecord> {
        private static final long serialVersionUID = 1L;

        private final StateGrowthSchedule schedule;
        private final long spacingMs;
        private final int titles;
        private transient JsonEncoder<PlaybackEvent> encoder;

        public Playback(StateGrowthSchedule schedule, long spacingMs, int titles) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            this.spacingMs = spacingMs;
            this.titles = titles;
        }

        /** The decoded form of record {@code index}. */
        public PlaybackEvent event(long index) {
            StateGrowthSchedule.Slot slot = schedule.slot(index);
            long number = schedule.memberNumber(slot.member());
            int title = titleOf(number, titles);
            long runtime = runtimeMs(title);
            long position = Math.min(slot.ordinal() * spacingMs, runtime);
            PlaybackEventType type;
            if (slot.ordinal() == 0) {
                type = PlaybackEventType.START;
            } else if (position == runtime) {
                type = PlaybackEventType.COMPLETE;
            } else if (slot.ordinal() == schedule.eventsPerMember() - 1) {
                type = PlaybackEventType.STOP;
            } else {
                type = PlaybackEventType.HEARTBEAT;
            }
            return new PlaybackEvent(
                    PlaybackEvent.CURRENT_VERSION,
                    "sge-" + schedule.globalOrder(index),
                    type,
                    slot.eventTime(),
                    "sg-" + number,
                    null,
                    DEVICES[(int) (number % DEVICES.length)],
                    "US",
                    titleId(title),
                    "sgp-" + number,
                    position,
                    runtime,
                    null);
        }

        @Override
        public RawRecord map(Long index) {
            if (encoder == null) {
                encoder = EventCodecs.playbackEncoder();
            }
            PlaybackEvent event = event(index);
            return new RawRecord(
                    PLAYBACK_TOPIC,
                    0,
                    index,
                    event.eventTime(),
                    event.userId().getBytes(StandardCharsets.UTF_8),
                    encoder.encode(event));
        }
    }

    /** The catalog: {@code titles} movies with genres, published before the first event. */
    public static final class Catalog implements GeneratorFunction<Long, RawRecord> {
        private static final long serialVersionUID = 1L;

        private final int titles;
        private final long updatedAt;
        private transient JsonEncoder<CatalogRecord> encoder;

        public Catalog(int titles, long updatedAt) {
            this.titles = titles;
            this.updatedAt = updatedAt;
        }

        public CatalogRecord record(long index) {
            int title = (int) (index % titles);
            long runtime = runtimeMs(title);
            return new CatalogRecord(
                    CatalogRecord.CURRENT_VERSION,
                    titleId(title),
                    "State growth title " + title,
                    TitleKind.MOVIE,
                    null,
                    null,
                    null,
                    runtime,
                    runtime - Duration.ofMinutes(3).toMillis(),
                    List.of(GENRES[title % GENRES.length], GENRES[(title / 8) % GENRES.length]),
                    updatedAt);
        }

        @Override
        public RawRecord map(Long index) {
            if (encoder == null) {
                encoder = EventCodecs.catalogEncoder();
            }
            CatalogRecord record = record(index);
            return new RawRecord(
                    CATALOG_TOPIC,
                    0,
                    index,
                    updatedAt,
                    record.titleId().getBytes(StandardCharsets.UTF_8),
                    encoder.encode(record));
        }
    }

    /**
     * A few searches at the first instant (the search topic must have a source; the load of the
     * benchmark is playback): one per source split, by members of their own.
     */
    public static final class Searches implements GeneratorFunction<Long, RawRecord> {
        private static final long serialVersionUID = 1L;

        private final long eventTime;
        private transient JsonEncoder<SearchEvent> encoder;

        public Searches(long eventTime) {
            this.eventTime = eventTime;
        }

        public SearchEvent event(long index) {
            return new SearchEvent(
                    SearchEvent.CURRENT_VERSION,
                    "sgs-" + index,
                    eventTime,
                    "sg-searcher-" + index,
                    DeviceType.WEB,
                    "US",
                    "state growth",
                    1,
                    List.of(titleId(0)));
        }

        @Override
        public RawRecord map(Long index) {
            if (encoder == null) {
                encoder = EventCodecs.searchEncoder();
            }
            SearchEvent event = event(index);
            return new RawRecord(
                    SEARCH_TOPIC,
                    0,
                    index,
                    eventTime,
                    event.userId().getBytes(StandardCharsets.UTF_8),
                    encoder.encode(event));
        }
    }
}
