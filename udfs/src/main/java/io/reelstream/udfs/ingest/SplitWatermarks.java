package io.reelstream.udfs.ingest;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Event-time watermarks per Kafka partition, for events that are timestamped only after decoding.
 *
 * <p>One source subtask reads several partitions and interleaves them. In catch-up one partition
 * can be hours of event time ahead of another in the same subtask; a single watermark over the
 * interleaved stream follows the fastest partition and makes the others' events late. Flink avoids
 * this for sources that timestamp raw records (per-split watermarks); our events get their time
 * only once decoded (so a garbage time is rejected instead of advancing the watermark), which is
 * why the same rule is kept here: each partition has its own generator from the job's {@link
 * WatermarkStrategy}, and the combined watermark is the lowest over the partitions that are not
 * idle, never moving back. All partitions idle makes the output idle.
 *
 * <p>A partition counts from its first record. Until the first record arrives, a start-up generator
 * stands for the subtask's partitions, so a subtask that never gets a record goes idle the same way
 * an idle partition does.
 *
 * <p>Not thread-safe: used from one operator's task thread.
 */
public final class SplitWatermarks<T> {

    private final WatermarkStrategy<T> strategy;
    private final WatermarkGeneratorSupplier.Context context;
    private final WatermarkOutput output;
    private final long startupDelayNanos;
    private final Map<SplitKey, Split<T>> splits = new HashMap<>();
    private final List<Split<T>> active = new ArrayList<>();

    private Split<T> last;
    private String lastTopic;
    private int lastPartition;
    private long emitted = Long.MIN_VALUE;
    private boolean idle;
    private long firstRecordNanos = -1;
    private boolean started;

    public SplitWatermarks(
            WatermarkStrategy<T> strategy,
            WatermarkGeneratorSupplier.Context context,
            WatermarkOutput output,
            Duration startupDelay) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.context = Objects.requireNonNull(context, "context");
        this.output = Objects.requireNonNull(output, "output");
        this.startupDelayNanos = startupDelay.toNanos();
        active.add(new Split<>(strategy.createWatermarkGenerator(context)));
    }

    /** An event of {@code topic}/{@code partition} with its event time. */
    public void onEvent(String topic, int partition, T event, long timestamp) {
        Split<T> split = split(topic, partition);
        split.generator.onEvent(event, timestamp, split);
        if (split.changed) {
            combine();
        }
    }

    /** Asks every partition's generator for its periodic watermark, then combines them. */
    public void onPeriodicEmit() {
        for (Split<T> split : active) {
            split.generator.onPeriodicEmit(split);
        }
        combine();
    }

    /** Number of partitions seen so far. */
    public int partitions() {
        return splits.size();
    }

    /** The last combined watermark emitted, {@code Long.MIN_VALUE} before the first. */
    public long currentWatermark() {
        return emitted;
    }

    private Split<T> split(String topic, int partition) {
        if (last != null && partition == lastPartition && topic.equals(lastTopic)) {
            return last;
        }
        SplitKey key = new SplitKey(topic, partition);
        Split<T> split = splits.get(key);
        if (split == null) {
            split = new Split<>(strategy.createWatermarkGenerator(context));
            if (splits.isEmpty()) {
                active.clear(); // the start-up generator stood for the partitions until now
                firstRecordNanos = context.getInputActivityClock().relativeTimeNanos();
            }
            splits.put(key, split);
            active.add(split);
        }
        last = split;
        lastTopic = topic;
        lastPartition = partition;
        return split;
    }

    private void combine() {
        long lowest = Long.MAX_VALUE;
        boolean anyActive = false;
        for (Split<T> split : active) {
            split.changed = false;
            if (!split.idle) {
                anyActive = true;
                lowest = Math.min(lowest, split.watermark);
            }
        }
        if (!anyActive) {
            if (!idle) {
                idle = true;
                output.markIdle();
            }
            return;
        }
        if (idle) {
            idle = false;
            output.markActive();
        }
        if (lowest > emitted && started()) {
            emitted = lowest;
            output.emitWatermark(new Watermark(lowest));
        }
    }

    private boolean started() {
        if (!started && firstRecordNanos >= 0) {
            long now = context.getInputActivityClock().relativeTimeNanos();
            started = now - firstRecordNanos >= startupDelayNanos;
        }
        return started;
    }

    private record SplitKey(String topic, int partition) {}

    /** One partition's generator and the last watermark and idleness it reported. */
    private static final class Split<T> implements WatermarkOutput {
        final WatermarkGenerator<T> generator;
        long watermark = Long.MIN_VALUE;
        boolean idle;
        boolean changed;

        Split(WatermarkGenerator<T> generator) {
            this.generator = generator;
        }

        @Override
        public void emitWatermark(Watermark mark) {
            if (mark.getTimestamp() > watermark) {
                watermark = mark.getTimestamp();
                changed = true;
            }
            markActive();
        }

        @Override
        public void markIdle() {
            if (!idle) {
                idle = true;
                changed = true;
            }
        }

        @Override
        public void markActive() {
            if (idle) {
                idle = false;
                changed = true;
            }
        }
    }
}
