package io.reelstream.benchmarks;

import io.reelstream.udfs.features.PlaybackCursor;
import io.reelstream.udfs.features.SliceAccumulator;
import io.reelstream.udfs.features.UserActivity;
import io.reelstream.udfs.features.UserSessionState;
import io.reelstream.udfs.features.UserTimeline;
import io.reelstream.udfs.features.model.UserSessionFeatureSet;
import io.reelstream.udfs.features.model.UserSessionModel;
import io.reelstream.udfs.windows.SlicedWindow;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Keyed state both implementations hold when the input ends (before the final watermark): the
 * sliced model replayed in memory and serialized with the job's serializers, and the number of
 * built-in sliding windows that are still open.
 */
final class StateSizes {

    private StateSizes() {}

    record Sliced(long entries, long slices, long bytes, long timers) {
        long meanSliceBytes() {
            return slices == 0 ? 0 : bytes / Math.max(1, entries);
        }
    }

    static Sliced sliced(List<UserActivity> events, long boundMs) throws Exception {
        UserSessionModel model = new UserSessionModel(5 * 60_000L);
        Map<String, UserSessionState> stores = new HashMap<>();
        Map<String, TreeSet<Long>> timers = new HashMap<>();
        long maxSeen = Long.MIN_VALUE;
        for (UserActivity a : events) {
            long watermark = maxSeen == Long.MIN_VALUE ? Long.MIN_VALUE : maxSeen - boundMs - 1;
            if (model.isLate(a.eventTime, watermark)) {
                continue;
            }
            UserSessionState store = stores.computeIfAbsent(a.userId, u -> new UserSessionState());
            model.accept(store, a);
            TreeSet<Long> userTimers = timers.computeIfAbsent(a.userId, u -> new TreeSet<>());
            for (long t : model.decayTimes(a.eventTime)) {
                userTimers.add(t);
            }
            maxSeen = Math.max(maxSeen, a.eventTime);
            long wm = maxSeen - boundMs - 1;
            for (Map.Entry<String, TreeSet<Long>> user : timers.entrySet()) {
                TreeSet<Long> pending = user.getValue();
                while (!pending.isEmpty() && pending.first() <= wm) {
                    model.advance(stores.get(user.getKey()), pending.pollFirst(), wm);
                }
            }
        }
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<SliceAccumulator> slice =
                TypeInformation.of(SliceAccumulator.class).createSerializer(config);
        TypeSerializer<PlaybackCursor> cursor =
                TypeInformation.of(PlaybackCursor.class).createSerializer(config);
        TypeSerializer<UserTimeline> timeline =
                TypeInformation.of(UserTimeline.class).createSerializer(config);
        long entries = 0;
        long slices = 0;
        long bytes = 0;
        for (UserSessionState store : stores.values()) {
            for (int i = 0; i < UserSessionFeatureSet.WINDOWS.size(); i++) {
                for (var e : store.slices(i).entries()) {
                    bytes += 8 + size(slice, e.getValue());
                    slices++;
                }
            }
            for (var e : store.cursors().entries()) {
                bytes += e.getKey().length() + size(cursor, e.getValue());
                entries++;
            }
            if (store.timeline() != null) {
                bytes += size(timeline, store.timeline());
                entries++;
            }
        }
        long timerCount = timers.values().stream().mapToLong(TreeSet::size).sum();
        return new Sliced(entries + slices, slices, bytes, timerCount);
    }

    /** Open built-in windows (one accumulator and one timer each) when the input ends. */
    static long builtinWindows(List<UserActivity> events, long boundMs, long slideMs) {
        long maxSeen = events.stream().mapToLong(a -> a.eventTime).max().orElse(0);
        long watermark = maxSeen - boundMs - 1;
        long open = 0;
        for (SlicedWindow w : UserSessionFeatureSet.WINDOWS) {
            Map<String, TreeSet<Long>> starts = new HashMap<>();
            for (UserActivity a : events) {
                TreeSet<Long> userStarts = starts.computeIfAbsent(a.userId, u -> new TreeSet<>());
                long last = a.eventTime - Math.floorMod(a.eventTime, slideMs);
                for (long s = last; s > a.eventTime - w.sizeMs(); s -= slideMs) {
                    if (s + w.sizeMs() - 1 > watermark) {
                        userStarts.add(s);
                    }
                }
            }
            open += starts.values().stream().mapToLong(TreeSet::size).sum();
        }
        return open;
    }

    private static <T> int size(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(128);
        serializer.serialize(value, out);
        return out.length();
    }
}
