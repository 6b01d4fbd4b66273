package io.reelstream.udfs.ingest;

import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.events.SearchEvent;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.time.Duration;

/**
 * Event-time strategies per contract: timestamp = the contract's event time, bounded
 * out-of-orderness, idleness and the start-up delay from {@link IngestSettings}. Applied after
 * decoding, per Kafka partition ({@link EventTimeDecodeOperator}), so rejected records (future or
 * garbage times) never reach the watermark.
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
        return new WithStartupDelay<>(
                of(options.outOfOrderness(), options.idleness(), eventTime),
                options.startupDelay());
    }

    /**
     * How long the first watermark of {@code strategy} waits past the first record: the start-up
     * delay of a strategy from {@link #of(IngestSettings, SerializableTimestampAssigner)}, zero for
     * any other (e.g. a side input's {@link NeverHoldBackWatermarks}).
     */
    public static Duration startupDelay(WatermarkStrategy<?> strategy) {
        return strategy instanceof WithStartupDelay<?> delayed
                ? delayed.startupDelay
                : Duration.ZERO;
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

    /** A strategy with the start-up delay its per-partition watermarks need. */
    private static final class WithStartupDelay<T> implements WatermarkStrategy<T> {
        private static final long serialVersionUID = 1L;

        private final WatermarkStrategy<T> strategy;
        private final Duration startupDelay;

        WithStartupDelay(WatermarkStrategy<T> strategy, Duration startupDelay) {
            this.strategy = strategy;
            this.startupDelay = startupDelay;
        }

        @Override
        public WatermarkGenerator<T> createWatermarkGenerator(
                WatermarkGeneratorSupplier.Context context) {
            return strategy.createWatermarkGenerator(context);
        }

        @Override
        public TimestampAssigner<T> createTimestampAssigner(
                TimestampAssignerSupplier.Context context) {
            return strategy.createTimestampAssigner(context);
        }
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
