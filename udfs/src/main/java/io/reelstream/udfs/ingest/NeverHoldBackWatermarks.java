package io.reelstream.udfs.ingest;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for a broadcast side input (the catalog) that must never hold back event time: a
 * compacted topic that rarely changes would otherwise stall every event-time timer downstream.
 */
public final class NeverHoldBackWatermarks<T> implements WatermarkGenerator<T> {

    /** A strategy whose watermark is always {@link Long#MAX_VALUE}; add a timestamp assigner. */
    public static <T> WatermarkStrategy<T> strategy() {
        return WatermarkStrategy.forGenerator(new GeneratorSupplier<>());
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(Long.MAX_VALUE));
    }

    /** Serializable supplier for {@link #strategy()}. */
    private static final class GeneratorSupplier<T> implements WatermarkGeneratorSupplier<T> {
        private static final long serialVersionUID = 1L;

        @Override
        public WatermarkGenerator<T> createWatermarkGenerator(Context context) {
            return new NeverHoldBackWatermarks<>();
        }
    }
}
