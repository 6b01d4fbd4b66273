package io.reelstream.udfs.ingest;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for a broadcast side input (the catalog) that must never hold back event time: a
 * compacted topic that rarely changes would otherwise stall every event-time timer downstream.
 *
 * <p>The side input declares itself idle instead of emitting watermarks, so operators leave it out
 * of their watermark minimum and follow the main input alone. (Emitting {@code Long.MAX_VALUE}
 * instead is a trap: the moment the main input goes idle, e.g. during a slow start, the operator's
 * watermark jumps to the side input's MAX and never comes back, so every later event is late.)
 */
public final class NeverHoldBackWatermarks<T> implements WatermarkGenerator<T> {

    /** A strategy that keeps the stream idle for watermark purposes; add a timestamp assigner. */
    public static <T> WatermarkStrategy<T> strategy() {
        return WatermarkStrategy.forGenerator(new GeneratorSupplier<>());
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
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
