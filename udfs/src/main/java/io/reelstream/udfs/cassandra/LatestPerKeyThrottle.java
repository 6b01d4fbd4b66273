package io.reelstream.udfs.cassandra;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes on each key's newest value at most once per interval of processing time, for a table whose
 * writes are expensive (a vector index): the first value after a quiet interval goes on at once,
 * the newest of the values that arrive within the interval goes on when it ends, the others are
 * dropped.
 *
 * <p>Unlike the Cassandra sink's coalescing buffer, which is written out before every checkpoint
 * barrier, the held value is keyed state: the interval may be longer than the checkpoint interval,
 * and a held value survives a restart. A key's state is gone one quiet interval after its last
 * value (no timer left either). Values of one key must arrive in order (one upstream subtask per
 * key): the newest to arrive wins.
 */
public class LatestPerKeyThrottle<K, T> extends KeyedProcessFunction<K, T, T> {

    private static final long serialVersionUID = 1L;

    private final long intervalMs;
    private final TypeInformation<T> type;

    private transient ValueState<T> held;
    private transient ValueState<Long> intervalEnd;
    private transient Counter dropped;

    /**
     * @param intervalMs at most one value per key per this many milliseconds; 0 passes every value
     * @param type the values' type (the held value's state serializer)
     */
    public LatestPerKeyThrottle(long intervalMs, TypeInformation<T> type) {
        if (intervalMs < 0) {
            throw new IllegalArgumentException("intervalMs must be >= 0: " + intervalMs);
        }
        this.intervalMs = intervalMs;
        this.type = type;
    }

    @Override
    public void open(OpenContext openContext) {
        held = getRuntimeContext().getState(new ValueStateDescriptor<>("throttle-held", type));
        intervalEnd =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("throttle-interval-end", Types.LONG));
        dropped = getRuntimeContext().getMetricGroup().counter("throttleReplacedValues");
    }

    @Override
    public void processElement(T value, Context ctx, Collector<T> out) throws Exception {
        if (intervalMs == 0) {
            out.collect(value);
            return;
        }
        if (intervalEnd.value() == null) {
            out.collect(value);
            openInterval(ctx.timerService().currentProcessingTime(), ctx);
            return;
        }
        if (held.value() != null) {
            dropped.inc();
        }
        held.update(value);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
        T value = held.value();
        if (value == null) {
            intervalEnd.clear();
            return;
        }
        out.collect(value);
        held.clear();
        openInterval(timestamp, ctx);
    }

    private void openInterval(long now, Context ctx) throws Exception {
        long end = now + intervalMs;
        intervalEnd.update(end);
        ctx.timerService().registerProcessingTimeTimer(end);
    }
}
