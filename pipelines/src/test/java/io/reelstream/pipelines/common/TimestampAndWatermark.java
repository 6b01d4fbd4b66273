package io.reelstream.pipelines.common;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Test function: emits {value, element timestamp, current watermark} for each event. */
final class TimestampAndWatermark extends ProcessFunction<Long, long[]> {

    @Override
    public void processElement(Long value, Context ctx, Collector<long[]> out) {
        out.collect(new long[] {value, ctx.timestamp(), ctx.timerService().currentWatermark()});
    }
}
