package io.reelstream.udfs.ingest;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * Drops redelivered events (producer retries, replays): keyed by {@code eventId}, the first event
 * passes, later ones within the retention are dropped and counted ({@code
 * reelstream.duplicatesDropped}). The state of an id is cleared by a timer at event time +
 * retention (processing time + retention for events without a timestamp), so it never grows without
 * bound. A duplicate arriving after that passes again.
 *
 * <p>State: one {@code Long} per live id (the cleanup time), Flink's built-in long serializer.
 */
public class DeduplicateByEventId<T> extends KeyedProcessFunction<String, T, T> {

    private static final long serialVersionUID = 1L;

    public static final String DUPLICATES_DROPPED = "duplicatesDropped";

    private final long retentionMs;

    private transient ValueState<Long> cleanupAt;
    private transient Counter duplicatesDropped;

    public DeduplicateByEventId(Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
        this.retentionMs = retention.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        cleanupAt =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("dedup-cleanup-at", Types.LONG));
        duplicatesDropped =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup(DecodeFunction.METRIC_GROUP)
                        .counter(DUPLICATES_DROPPED);
    }

    @Override
    public void processElement(T event, Context ctx, Collector<T> out) throws Exception {
        if (cleanupAt.value() != null) {
            duplicatesDropped.inc();
            return;
        }
        Long timestamp = ctx.timestamp();
        long cleanup;
        if (timestamp != null) {
            cleanup = timestamp + retentionMs;
            ctx.timerService().registerEventTimeTimer(cleanup);
        } else {
            cleanup = ctx.timerService().currentProcessingTime() + retentionMs;
            ctx.timerService().registerProcessingTimeTimer(cleanup);
        }
        cleanupAt.update(cleanup);
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) {
        cleanupAt.clear();
    }
}
