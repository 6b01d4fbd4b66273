package io.reelstream.udfs.features;

import io.reelstream.udfs.features.model.UserSessionFeatureSet;
import io.reelstream.udfs.ingest.RecentEventIds;
import io.reelstream.udfs.windows.TreeMapStore;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Format 3 of a member's session features state, the one written: the same content as format 2 in
 * about half the bytes, since every member's value is read and written once per event.
 *
 * <ul>
 *   <li>Each distinct title id is written once, in a per-value dictionary; slices and sessions
 *       refer to it by index. Read back, every use of a title shares one String (its hash is
 *       computed once for the window merge and the genre lookup).
 *   <li>Counts and durations are unsigned varints; instants are zigzag varints relative to the
 *       member's as-of time (slices, sessions and recent ids lie within days of it).
 * </ul>
 */
final class UserSessionStateFormatV3 {

    static final byte FORMAT = 3;

    private UserSessionStateFormatV3() {}

    /** Writes the state after the format byte. */
    static void write(UserSessionState state, DataOutputView out) throws IOException {
        UserTimeline timeline = state.timeline();
        long base = baseOf(timeline);
        Map<String, Integer> titles = titleDictionary(state);
        writeVarint(out, titles.size());
        for (String title : titles.keySet()) {
            StringValue.writeString(title, out);
        }
        out.writeBoolean(timeline != null);
        if (timeline != null) {
            writeTimeline(timeline, titles, out);
        }
        for (int w = 0; w < UserSessionFeatureSet.WINDOWS.size(); w++) {
            TreeMapStore<Long, SliceAccumulator> slices = state.slices(w);
            writeVarint(out, slices.size());
            for (Map.Entry<Long, SliceAccumulator> slice : slices.entries()) {
                writeInstant(out, slice.getKey(), base);
                writeSlice(slice.getValue(), titles, out);
            }
        }
        TreeMapStore<String, PlaybackCursor> cursors = state.cursors();
        writeVarint(out, cursors.size());
        for (Map.Entry<String, PlaybackCursor> cursor : cursors.entries()) {
            StringValue.writeString(cursor.getKey(), out);
            writeInstant(out, cursor.getValue().eventTime, base);
            writeSigned(out, cursor.getValue().positionMs);
        }
        RecentEventIds ids = state.recentIds();
        writeVarint(out, ids.size());
        for (int i = 0; i < ids.size(); i++) {
            out.writeLong(ids.hashAt(i));
            writeInstant(out, ids.eventTimeAt(i), base);
        }
        writeInstant(out, state.decayTimerAt(), base);
    }

    /** Reads the state after the format byte. */
    static UserSessionState read(DataInputView in) throws IOException {
        String[] titles = new String[(int) readVarint(in)];
        for (int i = 0; i < titles.length; i++) {
            titles[i] = StringValue.readString(in);
        }
        UserSessionState state = new UserSessionState();
        long base = 0;
        if (in.readBoolean()) {
            UserTimeline timeline = readTimeline(titles, in);
            state.setTimeline(timeline);
            base = baseOf(timeline);
        }
        for (int w = 0; w < UserSessionFeatureSet.WINDOWS.size(); w++) {
            int count = (int) readVarint(in);
            for (int i = 0; i < count; i++) {
                long start = readInstant(in, base);
                state.slices(w).put(start, readSlice(titles, in));
            }
        }
        int cursors = (int) readVarint(in);
        for (int i = 0; i < cursors; i++) {
            String playbackId = StringValue.readString(in);
            long eventTime = readInstant(in, base);
            state.cursors().put(playbackId, new PlaybackCursor(eventTime, readSigned(in)));
        }
        int ids = (int) readVarint(in);
        for (int i = 0; i < ids; i++) {
            long hash = in.readLong();
            state.recentIds().add(hash, readInstant(in, base));
        }
        state.setDecayTimerAt(readInstant(in, base));
        return state;
    }

    /** What instants are written relative to: the member's as-of time, 0 without one. */
    private static long baseOf(UserTimeline timeline) {
        return timeline == null || timeline.asOf == UserTimeline.NONE ? 0 : timeline.asOf;
    }

    /** Every title id the value refers to, in first-use order, with its index. */
    private static Map<String, Integer> titleDictionary(UserSessionState state) {
        Map<String, Integer> titles = new LinkedHashMap<>();
        UserTimeline timeline = state.timeline();
        if (timeline != null) {
            for (UserSession s : timeline.sessions) {
                for (String title : s.titleIds) {
                    titles.putIfAbsent(title, titles.size());
                }
            }
        }
        for (int w = 0; w < UserSessionFeatureSet.WINDOWS.size(); w++) {
            for (Map.Entry<Long, SliceAccumulator> slice : state.slices(w).entries()) {
                for (String title : slice.getValue().titleWatchMs.keySet()) {
                    titles.putIfAbsent(title, titles.size());
                }
            }
        }
        return titles;
    }

    private static void writeTimeline(
            UserTimeline t, Map<String, Integer> titles, DataOutputView out) throws IOException {
        long base = baseOf(t);
        out.writeLong(t.asOf);
        writeInstant(out, t.lastEventTime, base);
        writeInstant(out, t.lastPlayAt, base);
        writeVarint(out, t.revision);
        writeInstant(out, t.lastEmitAt, base);
        writeInstant(out, t.pendingEmitAt, base);
        writeVarint(out, t.searchTimes.length);
        for (int i = 0; i < t.searchTimes.length; i++) {
            writeInstant(out, t.searchTimes[i], base);
            out.writeBoolean(t.searchConverted[i]);
        }
        writeVarint(out, t.startTimes.length);
        for (long start : t.startTimes) {
            writeInstant(out, start, base);
        }
        writeVarint(out, t.sessions.size());
        for (UserSession s : t.sessions) {
            writeInstant(out, s.start, base);
            writeInstant(out, s.end, base);
            writeVarint(out, s.titleIds.size());
            for (String title : s.titleIds) {
                writeVarint(out, titles.get(title));
            }
        }
    }

    private static UserTimeline readTimeline(String[] titles, DataInputView in) throws IOException {
        UserTimeline t = new UserTimeline();
        t.asOf = in.readLong();
        long base = baseOf(t);
        t.lastEventTime = readInstant(in, base);
        t.lastPlayAt = readInstant(in, base);
        t.revision = readVarint(in);
        t.lastEmitAt = readInstant(in, base);
        t.pendingEmitAt = readInstant(in, base);
        int searches = (int) readVarint(in);
        t.searchTimes = new long[searches];
        t.searchConverted = new boolean[searches];
        for (int i = 0; i < searches; i++) {
            t.searchTimes[i] = readInstant(in, base);
            t.searchConverted[i] = in.readBoolean();
        }
        t.startTimes = new long[(int) readVarint(in)];
        for (int i = 0; i < t.startTimes.length; i++) {
            t.startTimes[i] = readInstant(in, base);
        }
        int sessions = (int) readVarint(in);
        List<UserSession> list = new ArrayList<>(sessions);
        for (int i = 0; i < sessions; i++) {
            long start = readInstant(in, base);
            UserSession s = new UserSession(start, readInstant(in, base));
            int count = (int) readVarint(in);
            for (int j = 0; j < count; j++) {
                s.titleIds.add(titles[(int) readVarint(in)]);
            }
            list.add(s);
        }
        t.sessions = list;
        return t;
    }

    private static void writeSlice(
            SliceAccumulator s, Map<String, Integer> titles, DataOutputView out)
            throws IOException {
        writeSigned(out, s.watchMs);
        writeSigned(out, s.playsStarted);
        writeSigned(out, s.completions);
        writeSigned(out, s.searches);
        writeSigned(out, s.convertedSearches);
        writeVarint(out, s.titleWatchMs.size());
        for (Map.Entry<String, Long> title : s.titleWatchMs.entrySet()) {
            writeVarint(out, titles.get(title.getKey()));
            writeSigned(out, title.getValue());
        }
        int devices = s.deviceWatchMs.length;
        while (devices > 0 && s.deviceWatchMs[devices - 1] == 0) {
            devices--;
        }
        writeVarint(out, devices);
        for (int i = 0; i < devices; i++) {
            writeSigned(out, s.deviceWatchMs[i]);
        }
    }

    private static SliceAccumulator readSlice(String[] titles, DataInputView in)
            throws IOException {
        SliceAccumulator s = new SliceAccumulator();
        s.watchMs = readSigned(in);
        s.playsStarted = (int) readSigned(in);
        s.completions = (int) readSigned(in);
        s.searches = (int) readSigned(in);
        s.convertedSearches = (int) readSigned(in);
        int count = (int) readVarint(in);
        for (int i = 0; i < count; i++) {
            String title = titles[(int) readVarint(in)];
            s.titleWatchMs.put(title, readSigned(in));
        }
        int devices = (int) readVarint(in);
        if (devices > s.deviceWatchMs.length) {
            s.deviceWatchMs = java.util.Arrays.copyOf(s.deviceWatchMs, devices);
        }
        for (int i = 0; i < devices; i++) {
            s.deviceWatchMs[i] = readSigned(in);
        }
        return s;
    }

    /** An instant as the zigzag varint of its distance to {@code base} (wraps for NONE: exact). */
    static void writeInstant(DataOutputView out, long instant, long base) throws IOException {
        writeSigned(out, instant - base);
    }

    static long readInstant(DataInputView in, long base) throws IOException {
        return readSigned(in) + base;
    }

    /** A signed value as a zigzag varint (small magnitudes of either sign are short). */
    static void writeSigned(DataOutputView out, long value) throws IOException {
        writeVarint(out, (value << 1) ^ (value >> 63));
    }

    static long readSigned(DataInputView in) throws IOException {
        long zigzag = readVarint(in);
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    /** An unsigned LEB128 varint: 7 bits per byte, high bit set on all but the last. */
    static void writeVarint(DataOutputView out, long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    static long readVarint(DataInputView in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("varint longer than 10 bytes");
    }
}
