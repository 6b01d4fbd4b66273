package io.reelstream.udfs.features;

import io.reelstream.udfs.features.model.UserSessionFeatureSet;
import io.reelstream.udfs.ingest.RecentEventIds;
import io.reelstream.udfs.windows.TreeMapStore;

import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.util.Map;

/**
 * Writes state values in format 2, as the code of state v2 did before format 3 (test only): the
 * values a restored v2 savepoint holds, to check that they still read.
 */
final class UserSessionStateFormatV2Writer {

    private UserSessionStateFormatV2Writer() {}

    static void write(UserSessionState state, DataOutputView out) throws IOException {
        out.writeByte(UserSessionStateFormatV2.FORMAT);
        UserTimeline timeline = state.timeline();
        out.writeBoolean(timeline != null);
        if (timeline != null) {
            writeTimeline(timeline, out);
        }
        for (int w = 0; w < UserSessionFeatureSet.WINDOWS.size(); w++) {
            TreeMapStore<Long, SliceAccumulator> slices = state.slices(w);
            out.writeInt(slices.size());
            for (Map.Entry<Long, SliceAccumulator> slice : slices.entries()) {
                out.writeLong(slice.getKey());
                writeSlice(slice.getValue(), out);
            }
        }
        TreeMapStore<String, PlaybackCursor> cursors = state.cursors();
        out.writeInt(cursors.size());
        for (Map.Entry<String, PlaybackCursor> cursor : cursors.entries()) {
            StringValue.writeString(cursor.getKey(), out);
            out.writeLong(cursor.getValue().eventTime);
            out.writeLong(cursor.getValue().positionMs);
        }
        RecentEventIds ids = state.recentIds();
        out.writeInt(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            out.writeLong(ids.hashAt(i));
            out.writeLong(ids.eventTimeAt(i));
        }
        out.writeLong(state.decayTimerAt());
    }

    private static void writeTimeline(UserTimeline t, DataOutputView out) throws IOException {
        out.writeLong(t.asOf);
        out.writeLong(t.lastEventTime);
        out.writeLong(t.lastPlayAt);
        out.writeLong(t.revision);
        out.writeLong(t.lastEmitAt);
        out.writeLong(t.pendingEmitAt);
        out.writeInt(t.searchTimes.length);
        for (int i = 0; i < t.searchTimes.length; i++) {
            out.writeLong(t.searchTimes[i]);
            out.writeBoolean(t.searchConverted[i]);
        }
        out.writeInt(t.startTimes.length);
        for (long start : t.startTimes) {
            out.writeLong(start);
        }
        out.writeInt(t.sessions.size());
        for (UserSession s : t.sessions) {
            out.writeLong(s.start);
            out.writeLong(s.end);
            out.writeInt(s.titleIds.size());
            for (String title : s.titleIds) {
                StringValue.writeString(title, out);
            }
        }
    }

    private static void writeSlice(SliceAccumulator s, DataOutputView out) throws IOException {
        out.writeLong(s.watchMs);
        out.writeInt(s.playsStarted);
        out.writeInt(s.completions);
        out.writeInt(s.searches);
        out.writeInt(s.convertedSearches);
        out.writeInt(s.titleWatchMs.size());
        for (Map.Entry<String, Long> title : s.titleWatchMs.entrySet()) {
            StringValue.writeString(title.getKey(), out);
            out.writeLong(title.getValue());
        }
        int devices = s.deviceWatchMs.length;
        while (devices > 0 && s.deviceWatchMs[devices - 1] == 0) {
            devices--;
        }
        out.writeByte(devices);
        for (int i = 0; i < devices; i++) {
            out.writeLong(s.deviceWatchMs[i]);
        }
    }
}
