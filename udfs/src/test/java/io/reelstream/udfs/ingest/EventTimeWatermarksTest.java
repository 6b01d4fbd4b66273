package io.reelstream.udfs.ingest;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventTimeWatermarksTest {

    private final IngestSettings options = IngestOptions.from(new Configuration());

    @Test
    void shouldUseEventTimeNotKafkaTime() {
        WatermarkStrategy<PlaybackEvent> strategy = EventTimeWatermarks.playback(options);
        long timestamp =
                strategy.createTimestampAssigner(null).extractTimestamp(playback(123_000), 999);
        assertThat(timestamp).isEqualTo(123_000);
    }

    @Test
    void shouldTrailTheMaxEventTimeByTheOutOfOrdernessBound() {
        WatermarkGenerator<PlaybackEvent> generator =
                EventTimeWatermarks.playback(options).createWatermarkGenerator(new NoMetrics());
        Recorder out = new Recorder();
        generator.onEvent(playback(100_000), 100_000, out);
        generator.onEvent(playback(90_000), 90_000, out);
        generator.onPeriodicEmit(out);
        assertThat(out.watermarks).last().isEqualTo(100_000 - 5_000 - 1L);
    }

    @Test
    void shouldCarryTheStartupDelayOfTheSettingsAndNoneForOtherStrategies() {
        assertThat(EventTimeWatermarks.startupDelay(EventTimeWatermarks.playback(options)))
                .isEqualTo(IngestOptions.STARTUP_DELAY.defaultValue());
        assertThat(
                        EventTimeWatermarks.startupDelay(
                                WatermarkStrategy.<PlaybackEvent>forMonotonousTimestamps()))
                .isZero();
    }

    private static PlaybackEvent playback(long eventTime) {
        return new PlaybackEvent(
                1,
                "e",
                PlaybackEventType.HEARTBEAT,
                eventTime,
                "u",
                null,
                DeviceType.TV,
                "DE",
                "t",
                "pb",
                0,
                1,
                null);
    }

    /** Records emitted watermarks. */
    private static final class Recorder implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }

    /** A generator context without metrics. */
    private static final class NoMetrics
            implements org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier.Context {
        @Override
        public org.apache.flink.metrics.MetricGroup getMetricGroup() {
            return new UnregisteredMetricsGroup();
        }

        @Override
        public org.apache.flink.util.clock.RelativeClock getInputActivityClock() {
            return org.apache.flink.util.clock.SystemClock.getInstance();
        }
    }
}
