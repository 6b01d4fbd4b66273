package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.QoeEvent;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Wraps telemetry-contract samples as {@link PlaybackSample}s, so telemetry and CMCD feed one
 * per-playback operator; also the event-time assigner of samples.
 */
public final class TelemetrySamples implements MapFunction<QoeEvent, PlaybackSample> {

    private static final long serialVersionUID = 1L;

    @Override
    public PlaybackSample map(QoeEvent event) {
        return PlaybackSample.telemetry(event);
    }

    /** Event time of a sample: the device time, or the CMCD {@code ts} / edge receive time. */
    public static final class EventTime implements SerializableTimestampAssigner<PlaybackSample> {

        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(PlaybackSample sample, long recordTimestamp) {
            return sample.eventTime();
        }
    }
}
