package io.reelstream.udfs.ingest;

import io.reelstream.schemas.decode.RawRecord;

import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.util.PausableRelativeClock;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.clock.RelativeClock;

import java.util.Objects;

/**
 * Decodes raw Kafka records with a {@link DecodeFunction} and gives the decoded events their event
 * time, with watermarks per Kafka partition ({@link SplitWatermarks}).
 *
 * <p>Why one operator and not decode followed by {@code assignTimestampsAndWatermarks}: only here
 * is each event's partition still known, and per-partition watermarks need it. Rejected records
 * leave through {@link DecodeFunction#DEAD_LETTERS} and never reach the watermark.
 *
 * <p>Upstream watermarks are ignored (the source runs without a strategy), except the final one at
 * the end of a bounded input. As in Flink's own timestamp operator, idleness is judged on a clock
 * that stops while the task is back-pressured, so a slow job never declares its busy partitions
 * idle.
 */
public final class EventTimeDecodeOperator<T>
        extends AbstractUdfStreamOperator<T, DecodeFunction<T>>
        implements OneInputStreamOperator<RawRecord, T>, ProcessingTimeCallback {

    private static final long serialVersionUID = 1L;

    private final WatermarkStrategy<T> watermarks;

    private transient TimestampAssigner<T> eventTime;
    private transient SplitWatermarks<T> splitWatermarks;
    private transient PausableRelativeClock inputActivityClock;
    private transient long watermarkInterval;
    private transient EventCollector collector;
    private transient DecodeContext context;

    public EventTimeDecodeOperator(DecodeFunction<T> decode, WatermarkStrategy<T> watermarks) {
        super(decode);
        this.watermarks = Objects.requireNonNull(watermarks, "watermarks");
    }

    @Override
    public void open() throws Exception {
        super.open();
        inputActivityClock = new PausableRelativeClock(getProcessingTimeService().getClock());
        getContainingTask()
                .getEnvironment()
                .getMetricGroup()
                .getIOMetricGroup()
                .registerBackPressureListener(inputActivityClock);
        eventTime = watermarks.createTimestampAssigner(this::getMetricGroup);
        splitWatermarks =
                new SplitWatermarks<>(
                        watermarks,
                        new GeneratorContext(),
                        new Emitter(output),
                        EventTimeWatermarks.startupDelay(watermarks));
        collector = new EventCollector();
        context = new DecodeContext(userFunction);
        watermarkInterval = getExecutionConfig().getAutoWatermarkInterval();
        if (watermarkInterval > 0) {
            scheduleNextWatermark();
        }
    }

    @Override
    public void processElement(StreamRecord<RawRecord> element) throws Exception {
        collector.record = element.getValue();
        context.element = element;
        userFunction.processElement(element.getValue(), context, collector);
        context.element = null;
    }

    @Override
    public void onProcessingTime(long timestamp) throws Exception {
        splitWatermarks.onPeriodicEmit();
        scheduleNextWatermark();
    }

    /** Only the end of a bounded input passes; the partitions decide every other watermark. */
    @Override
    public void processWatermark(org.apache.flink.streaming.api.watermark.Watermark mark) {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            output.emitWatermark(mark);
        }
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus watermarkStatus) {}

    @Override
    public void finish() throws Exception {
        super.finish();
        splitWatermarks.onPeriodicEmit();
    }

    @Override
    public void close() throws Exception {
        if (inputActivityClock != null) {
            getContainingTask()
                    .getEnvironment()
                    .getMetricGroup()
                    .getIOMetricGroup()
                    .unregisterBackPressureListener(inputActivityClock);
        }
        super.close();
    }

    private void scheduleNextWatermark() {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService().registerTimer(now + watermarkInterval, this);
    }

    /** Stamps each decoded event with its event time and feeds its partition's watermark. */
    private final class EventCollector implements Collector<T> {
        private final StreamRecord<T> reuse = new StreamRecord<>(null);
        private RawRecord record;

        @Override
        public void collect(T event) {
            long timestamp = eventTime.extractTimestamp(event, record.timestamp());
            output.collect(reuse.replace(event, timestamp));
            splitWatermarks.onEvent(record.topic(), record.partition(), event, timestamp);
        }

        @Override
        public void close() {}
    }

    /** What the decode function may use: side outputs (dead letters), no timers. */
    private final class DecodeContext extends ProcessFunction<RawRecord, T>.Context {
        private StreamRecord<RawRecord> element;

        DecodeContext(ProcessFunction<RawRecord, T> function) {
            function.super();
        }

        @Override
        public Long timestamp() {
            return element != null && element.hasTimestamp() ? element.getTimestamp() : null;
        }

        @Override
        public TimerService timerService() {
            throw new UnsupportedOperationException("decoding sets no timers");
        }

        @Override
        public <X> void output(OutputTag<X> outputTag, X value) {
            StreamRecord<X> record =
                    element != null && element.hasTimestamp()
                            ? new StreamRecord<>(value, element.getTimestamp())
                            : new StreamRecord<>(value);
            output.collect(outputTag, record);
        }
    }

    private final class GeneratorContext implements WatermarkGeneratorSupplier.Context {
        @Override
        public MetricGroup getMetricGroup() {
            return EventTimeDecodeOperator.this.getMetricGroup();
        }

        @Override
        public RelativeClock getInputActivityClock() {
            return inputActivityClock;
        }
    }

    /** Forwards the combined watermark and idleness downstream. */
    private static final class Emitter implements WatermarkOutput {
        private final org.apache.flink.streaming.api.operators.Output<?> output;

        Emitter(org.apache.flink.streaming.api.operators.Output<?> output) {
            this.output = output;
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            output.emitWatermark(
                    new org.apache.flink.streaming.api.watermark.Watermark(
                            watermark.getTimestamp()));
        }

        @Override
        public void markIdle() {
            output.emitWatermarkStatus(WatermarkStatus.IDLE);
        }

        @Override
        public void markActive() {
            output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
        }
    }
}
