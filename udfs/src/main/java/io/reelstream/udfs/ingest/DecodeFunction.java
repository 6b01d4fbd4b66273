package io.reelstream.udfs.ingest;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.deadletter.DeadLetters;
import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.decode.RawRecord;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns raw Kafka records into typed events with an {@link EventDecoder}. Bad input never fails the
 * job: it leaves through the {@link #DEAD_LETTERS} side output and moves a per-reason counter.
 *
 * <p>Metrics (group {@value #METRIC_GROUP}): {@code eventsIn}, {@code eventsDecoded} and {@code
 * deadLettered_<REASON>} for every {@link RejectReason}.
 */
public class DecodeFunction<T> extends ProcessFunction<RawRecord, T> {

    private static final long serialVersionUID = 1L;

    /** Side output carrying every rejected record. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    public static final String METRIC_GROUP = "reelstream";
    public static final String EVENTS_IN = "eventsIn";
    public static final String EVENTS_DECODED = "eventsDecoded";
    public static final String DEAD_LETTERED_PREFIX = "deadLettered_";

    private final EventDecoder<?> decoder;
    private final boolean expands;
    private final String pipeline;
    private final WallClock clock;

    private transient Counter eventsIn;
    private transient Counter eventsDecoded;
    private transient Map<RejectReason, Counter> deadLettered;

    public DecodeFunction(EventDecoder<T> decoder, String pipeline) {
        this(decoder, pipeline, WallClock.SYSTEM);
    }

    public DecodeFunction(EventDecoder<T> decoder, String pipeline, WallClock clock) {
        this(decoder, false, pipeline, clock);
    }

    private DecodeFunction(
            EventDecoder<?> decoder, boolean expands, String pipeline, WallClock clock) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.expands = expands;
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A decode function for a contract whose records carry several events (e.g. a batched CMCD
     * event-mode body): each record is decoded, or dead-lettered, whole; its events are emitted in
     * order.
     */
    public static <T> DecodeFunction<T> expanding(
            EventDecoder<? extends List<T>> decoder, String pipeline, WallClock clock) {
        return new DecodeFunction<>(decoder, true, pipeline, clock);
    }

    /** Name of the counter for one reject reason. */
    public static String deadLetteredCounter(RejectReason reason) {
        return DEAD_LETTERED_PREFIX + reason.name();
    }

    /**
     * The counter of one reject reason in an operator's metric group, for operators that judge a
     * reason after decoding (lateness), so one query over {@code deadLettered_*} sees them all.
     */
    public static Counter deadLetteredCounter(MetricGroup operatorGroup, RejectReason reason) {
        return operatorGroup.addGroup(METRIC_GROUP).counter(deadLetteredCounter(reason));
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(METRIC_GROUP);
        eventsIn = group.counter(EVENTS_IN);
        eventsDecoded = group.counter(EVENTS_DECODED);
        deadLettered = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            deadLettered.put(reason, group.counter(deadLetteredCounter(reason)));
        }
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<T> out) {
        eventsIn.inc();
        long now = clock.nowMillis();
        DecodeResult<?> result = decodeSafely(record, now);
        if (result instanceof DecodeResult.Ok<?> ok) {
            eventsDecoded.inc();
            emit(ok.value(), out);
        } else if (result instanceof DecodeResult.Rejected<?> rejected) {
            deadLettered.get(rejected.rejection().reason()).inc();
            ctx.output(DEAD_LETTERS, DeadLetters.of(record, rejected.rejection(), pipeline, now));
        }
    }

    @SuppressWarnings("unchecked") // the constructors tie the decoder's type to T or List<T>
    private void emit(Object value, Collector<T> out) {
        if (expands) {
            for (T event : (List<T>) value) {
                out.collect(event);
            }
        } else {
            out.collect((T) value);
        }
    }

    private DecodeResult<?> decodeSafely(RawRecord record, long now) {
        try {
            DecodeResult<?> result = decoder.decode(record, now);
            return result != null
                    ? result
                    : DecodeResult.rejected(RejectReason.DECODER_ERROR, "decoder returned null");
        } catch (RuntimeException e) {
            return DecodeResult.rejected(RejectReason.DECODER_ERROR, String.valueOf(e));
        }
    }
}
