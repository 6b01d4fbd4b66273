package io.reelstream.udfs.ingest;

import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.events.SearchEvent;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.time.Duration;

/**
 * Event-time strategies per contract: timestamp = the contract's event time, bounded
 * out-of-orderness and idleness from {@link IngestSettings}. Applied after decoding, so rejected
 * records (future or garbage times) never reach the watermark.
 */
public final class EventTimeWatermarks {

    private EventTimeWatermarks() {}

    public static WatermarkStrategy<PlaybackEvent> playback(IngestSettings options) {
        return of(options, new PlaybackEventTime());
    }

    public static WatermarkStrategy<QoeEvent> qoe(IngestSettings options) {
        return of(options, new QoeEventTime());
    }

    public static WatermarkStrategy<SearchEvent> search(IngestSettings options) {
        return of(options, new SearchEventTime());
    }

    /** Catalog time is {@code updatedAt}. */
    public static WatermarkStrategy<CatalogRecord> catalog(IngestSettings options) {
        return of(options, new CatalogUpdatedAt());
    }

    /** Any other type with its own timestamp assigner. */
    public static <T> WatermarkStrategy<T> of(
            IngestSettings options, SerializableTimestampAssigner<T> eventTime) {
        return of(options.outOfOrderness(), options.idleness(), eventTime);
    }

    public static <T> WatermarkStrategy<T> of(
            Duration outOfOrderness,
            Duration idleness,
            SerializableTimestampAssigner<T> eventTime) {
        WatermarkStrategy<T> strategy =
                WatermarkStrategy.<T>forBoundedOutOfOrderness(outOfOrderness)
                        .withTimestampAssigner(eventTime);
        return idleness.isZero() ? strategy : strategy.withIdleness(idleness);
    }

    /** Playback event time. */
    public static final class PlaybackEventTime
            implements SerializableTimestampAssigner<PlaybackEvent> {
        @Override
        public long extractTimestamp(PlaybackEvent event, long recordTimestamp) {
            return event.eventTime();
        }
    }

    /** QoE sample time. */
    public static final class QoeEventTime implements SerializableTimestampAssigner<QoeEvent> {
        @Override
        public long extractTimestamp(QoeEvent event, long recordTimestamp) {
            return event.eventTime();
        }
    }

    /** Search submission time. */
    public static final class SearchEventTime
            implements SerializableTimestampAssigner<SearchEvent> {
        @Override
        public long extractTimestamp(SearchEvent event, long recordTimestamp) {
            return event.eventTime();
        }
    }

    /** Catalog publication time. */
    public static final class CatalogUpdatedAt
            implements SerializableTimestampAssigner<CatalogRecord> {
        @Override
        public long extractTimestamp(CatalogRecord record, long recordTimestamp) {
            return record.updatedAt();
        }
    }
}
