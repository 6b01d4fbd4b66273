package io.reelstream.udfs.features;

import io.reelstream.udfs.features.model.UserSessionFeatureSet;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a member's session features state written in format 2 (fixed-width numbers, every title id
 * written where it is used), the format of state v2 before the compact format 3: values of a
 * restored v2 savepoint stay in it until their member is next written.
 */
final class UserSessionStateFormatV2 {

    static final byte FORMAT = 2;

    private UserSessionStateFormatV2() {}

    /** The state after the format byte. */
    static UserSessionState read(DataInputView in) throws IOException {
        UserSessionState state = new UserSessionState();
        if (in.readBoolean()) {
            state.setTimeline(readTimeline(in));
        }
        for (int w = 0; w < UserSessionFeatureSet.WINDOWS.size(); w++) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                long start = in.readLong();
                state.slices(w).put(start, readSlice(in));
            }
        }
        int cursors = in.readInt();
        for (int i = 0; i < cursors; i++) {
            String playbackId = StringValue.readString(in);
            state.cursors().put(playbackId, new PlaybackCursor(in.readLong(), in.readLong()));
        }
        int ids = in.readInt();
        for (int i = 0; i < ids; i++) {
            state.recentIds().add(in.readLong(), in.readLong());
        }
        state.setDecayTimerAt(in.readLong());
        return state;
    }

    private static UserTimeline readTimeline(DataInputView in) throws IOException {
        UserTimeline t = new UserTimeline();
        t.asOf = in.readLong();
        t.lastEventTime = in.readLong();
        t.lastPlayAt = in.readLong();
        t.revision = in.readLong();
        t.lastEmitAt = in.readLong();
        t.pendingEmitAt = in.readLong();
        int searches = in.readInt();
        t.searchTimes = new long[searches];
        t.searchConverted = new boolean[searches];
        for (int i = 0; i < searches; i++) {
            t.searchTimes[i] = in.readLong();
            t.searchConverted[i] = in.readBoolean();
        }
        t.startTimes = new long[in.readInt()];
        for (int i = 0; i < t.startTimes.length; i++) {
            t.startTimes[i] = in.readLong();
        }
        int sessions = in.readInt();
        List<UserSession> list = new ArrayList<>(sessions);
        for (int i = 0; i < sessions; i++) {
            UserSession s = new UserSession(in.readLong(), in.readLong());
            int titles = in.readInt();
            for (int j = 0; j < titles; j++) {
                s.titleIds.add(StringValue.readString(in));
            }
            list.add(s);
        }
        t.sessions = list;
        return t;
    }

    private static SliceAccumulator readSlice(DataInputView in) throws IOException {
        SliceAccumulator s = new SliceAccumulator();
        s.watchMs = in.readLong();
        s.playsStarted = in.readInt();
        s.completions = in.readInt();
        s.searches = in.readInt();
        s.convertedSearches = in.readInt();
        int titles = in.readInt();
        for (int i = 0; i < titles; i++) {
            s.titleWatchMs.put(StringValue.readString(in), in.readLong());
        }
        int devices = in.readByte();
        if (devices > s.deviceWatchMs.length) {
            s.deviceWatchMs = java.util.Arrays.copyOf(s.deviceWatchMs, devices);
        }
        for (int i = 0; i < devices; i++) {
            s.deviceWatchMs[i] = in.readLong();
        }
        return s;
    }
}
