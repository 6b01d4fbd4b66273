package io.reelstream.udfs.ingest;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Drops redelivered events (producer retries, replays) where results count events: the first event
 * of an id passes, later copies within the retention are dropped and counted ({@code
 * reelstream.duplicatesDropped}).
 *
 * <p>Keyed by the key the next operator uses (e.g. the user), not by event id: keying by event id
 * would spread one user's events over subtasks and reorder them, while order-sensitive features
 * need each partition's order kept. The ids seen per key live in map state; an id is forgotten by a
 * timer at event time + retention (processing time + retention for events without a timestamp), so
 * state never grows without bound. A copy arriving after that passes again; with a retention above
 * the allowed lateness of the consumer it is too late to count there.
 *
 * <p>State: {@code id → forget-at} and {@code forget-at → ids}, Flink's built-in serializers.
 */
public class DeduplicateByEventId<K, T> extends KeyedProcessFunction<K, T, T> {

    private static final long serialVersionUID = 1L;

    public static final String DUPLICATES_DROPPED = "duplicatesDropped";

    private final long retentionMs;
    private final KeySelector<T, String> eventId;

    private transient MapState<String, Long> forgetAt;
    private transient MapState<Long, List<String>> forgetting;
    private transient Counter duplicatesDropped;

    /**
     * @param retention how long (event time) an id is remembered; positive
     * @param eventId the event's id
     */
    public DeduplicateByEventId(Duration retention, KeySelector<T, String> eventId) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
        this.retentionMs = retention.toMillis();
        this.eventId = Objects.requireNonNull(eventId, "eventId");
    }

    @Override
    public void open(OpenContext openContext) {
        forgetAt =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "dedup-forget-at", Types.STRING, Types.LONG));
        forgetting =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "dedup-forgetting", Types.LONG, Types.LIST(Types.STRING)));
        duplicatesDropped =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup(DecodeFunction.METRIC_GROUP)
                        .counter(DUPLICATES_DROPPED);
    }

    @Override
    public void processElement(T event, Context ctx, Collector<T> out) throws Exception {
        String id = eventId.getKey(event);
        if (forgetAt.contains(id)) {
            duplicatesDropped.inc();
            return;
        }
        Long timestamp = ctx.timestamp();
        long forget;
        if (timestamp != null) {
            forget = timestamp + retentionMs;
            ctx.timerService().registerEventTimeTimer(forget);
        } else {
            forget = ctx.timerService().currentProcessingTime() + retentionMs;
            ctx.timerService().registerProcessingTimeTimer(forget);
        }
        forgetAt.put(id, forget);
        List<String> ids = forgetting.get(forget);
        List<String> updated = ids == null ? new ArrayList<>() : new ArrayList<>(ids);
        updated.add(id);
        forgetting.put(forget, updated);
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
        List<String> ids = forgetting.get(timestamp);
        if (ids == null) {
            return;
        }
        for (String id : ids) {
            forgetAt.remove(id);
        }
        forgetting.remove(timestamp);
    }
}
