package io.reelstream.benchmarks;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.udfs.features.ActivityKind;
import io.reelstream.udfs.features.PlaybackCursor;
import io.reelstream.udfs.features.SliceAccumulator;
import io.reelstream.udfs.features.UserActivity;
import io.reelstream.udfs.features.model.PlaybackProgress;
import io.reelstream.udfs.features.model.UserSessionFeatureSet;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The baseline of {@code bench windows}: the same window features with Flink's built-in
 * SlidingEventTimeWindows (1 minute slide) and an aggregate function over the same accumulator.
 */
final class BuiltinWindowsBaseline {

    private BuiltinWindowsBaseline() {}

    /** What one activity adds to a window (watch time already derived per playback). */
    public static class Contribution {
        public String userId;
        public String titleId;
        public DeviceType deviceType;
        public ActivityKind kind;
        public long watchedMs;

        public Contribution() {}
    }

    /** Watch time per playback, as in the sliced job (keyed by user, cursor per playback). */
    static final class WatchContributions
            extends KeyedProcessFunction<String, UserActivity, Contribution> {
        private static final long serialVersionUID = 1L;
        private transient MapState<String, PlaybackCursor> cursors;
        private transient PlaybackProgress progress;

        @Override
        public void open(OpenContext openContext) {
            cursors =
                    getRuntimeContext()
                            .getMapState(
                                    new MapStateDescriptor<>(
                                            "cursors",
                                            Types.STRING,
                                            TypeInformation.of(PlaybackCursor.class)));
            progress = new PlaybackProgress(UserSessionFeatureSet.SESSION_GAP_MS);
        }

        @Override
        public void processElement(UserActivity a, Context ctx, Collector<Contribution> out)
                throws Exception {
            Contribution c = new Contribution();
            c.userId = a.userId;
            c.titleId = a.titleId;
            c.deviceType = a.deviceType;
            c.kind = a.kind;
            if (a.isPlayback()) {
                PlaybackCursor cursor = cursors.get(a.playbackId);
                c.watchedMs = progress.watchedMs(cursor, a);
                PlaybackCursor next = progress.advance(cursor, a);
                if (next != cursor) {
                    cursors.put(a.playbackId, next);
                }
            }
            out.collect(c);
        }
    }

    /** add / merge / result over {@link SliceAccumulator}, as the sliced job's slices do. */
    static final class ContributionAggregate
            implements AggregateFunction<Contribution, SliceAccumulator, SliceAccumulator> {
        private static final long serialVersionUID = 1L;

        @Override
        public SliceAccumulator createAccumulator() {
            return new SliceAccumulator();
        }

        @Override
        public SliceAccumulator add(Contribution c, SliceAccumulator acc) {
            if (c.kind == ActivityKind.SEARCH) {
                acc.addSearch();
                return acc;
            }
            acc.addWatch(c.titleId, c.deviceType, c.watchedMs);
            if (c.kind == ActivityKind.PLAY_START) {
                acc.addPlayStart();
            } else if (c.kind == ActivityKind.PLAY_COMPLETE) {
                acc.addCompletion();
            }
            return acc;
        }

        @Override
        public SliceAccumulator getResult(SliceAccumulator acc) {
            return acc;
        }

        @Override
        public SliceAccumulator merge(SliceAccumulator a, SliceAccumulator b) {
            a.mergeFrom(b);
            return a;
        }
    }

    /** Keys contributions by user. */
    static final class ContributionUser implements KeySelector<Contribution, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Contribution c) {
            return c.userId;
        }
    }

    /** Event time of an activity. */
    static final class ActivityTime implements SerializableTimestampAssigner<UserActivity> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(UserActivity a, long recordTimestamp) {
            return a.eventTime;
        }
    }

    /** The pass-through baseline: keyed, forwards every activity. */
    static final class PassThrough
            extends KeyedProcessFunction<String, UserActivity, UserActivity> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(UserActivity a, Context ctx, Collector<UserActivity> out) {
            out.collect(a);
        }
    }
}
