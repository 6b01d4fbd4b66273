package io.reelstream.udfs.features;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.udfs.windows.Mergeable;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the user_session window features need from one time slice of one user (versioned Flink
 * POJO, one RocksDB map entry per slice). Only sums, so slices merge exactly in any order.
 */
public class SliceAccumulator implements Mergeable<SliceAccumulator> {

    public static final int CURRENT_VERSION = 1;

    public int v = CURRENT_VERSION;
    public long watchMs;
    public int playsStarted;
    public int completions;
    public int searches;
    public int convertedSearches;

    /** Watch time per title, ms; every title with a playback event in the slice has an entry. */
    public Map<String, Long> titleWatchMs = new HashMap<>();

    /** Watch time per {@link DeviceType} ordinal, ms. */
    public long[] deviceWatchMs = new long[DeviceType.values().length];

    public SliceAccumulator() {}

    /** Adds one playback event's watch time; marks the title as played in this slice. */
    public void addWatch(String titleId, DeviceType device, long ms) {
        watchMs += ms;
        if (titleId != null) {
            titleWatchMs.merge(titleId, ms, Long::sum);
        }
        if (device != null) {
            growDevices(device.ordinal() + 1);
            deviceWatchMs[device.ordinal()] += ms;
        }
    }

    public void addPlayStart() {
        playsStarted++;
    }

    public void addCompletion() {
        completions++;
    }

    public void addSearch() {
        searches++;
    }

    public void addConvertedSearch() {
        convertedSearches++;
    }

    @Override
    public void mergeFrom(SliceAccumulator other) {
        watchMs += other.watchMs;
        playsStarted += other.playsStarted;
        completions += other.completions;
        searches += other.searches;
        convertedSearches += other.convertedSearches;
        other.titleWatchMs.forEach((title, ms) -> titleWatchMs.merge(title, ms, Long::sum));
        growDevices(other.deviceWatchMs.length);
        for (int i = 0; i < other.deviceWatchMs.length; i++) {
            deviceWatchMs[i] += other.deviceWatchMs[i];
        }
    }

    /** Watch time on one device class, ms. */
    public long deviceWatch(DeviceType device) {
        return device.ordinal() < deviceWatchMs.length ? deviceWatchMs[device.ordinal()] : 0;
    }

    private void growDevices(int length) {
        if (deviceWatchMs.length < length) {
            deviceWatchMs = Arrays.copyOf(deviceWatchMs, length);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SliceAccumulator other)) {
            return false;
        }
        return watchMs == other.watchMs
                && playsStarted == other.playsStarted
                && completions == other.completions
                && searches == other.searches
                && convertedSearches == other.convertedSearches
                && titleWatchMs.equals(other.titleWatchMs)
                && Arrays.equals(deviceWatchMs, other.deviceWatchMs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(watchMs, playsStarted, completions, searches, titleWatchMs);
    }

    @Override
    public String toString() {
        return "Slice{watch="
                + watchMs
                + " plays="
                + playsStarted
                + " done="
                + completions
                + " searches="
                + searches
                + "/"
                + convertedSearches
                + " titles="
                + titleWatchMs
                + "}";
    }
}
