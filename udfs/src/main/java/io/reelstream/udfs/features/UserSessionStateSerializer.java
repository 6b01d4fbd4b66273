package io.reelstream.udfs.features;

import io.reelstream.udfs.ingest.RecentEventIds;
import io.reelstream.udfs.windows.TreeMapStore;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Explicit serializer of {@link UserSessionState} (no reflection per access): a format byte, then
 * the timeline, each window's slices, the cursors, the recent event ids and the decay timer;
 * strings in Flink's {@link StringValue} encoding (faster than {@code writeUTF}).
 *
 * <p>Format {@value #FORMAT} is state schema v2 of session features (v1 was one POJO entry per
 * slice, cursor and timeline, see {@link V1UserSessionState}). A later format adds a case to {@link
 * #deserialize(DataInputView)} and keeps reading this one.
 */
public final class UserSessionStateSerializer extends TypeSerializerSingleton<UserSessionState> {

    private static final long serialVersionUID = 1L;

    /** The format this serializer writes. */
    public static final byte FORMAT = 2;

    public static final UserSessionStateSerializer INSTANCE = new UserSessionStateSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public UserSessionState createInstance() {
        return new UserSessionState();
    }

    @Override
    public UserSessionState copy(UserSessionState from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public UserSessionState copy(UserSessionState from, UserSessionState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(UserSessionState state, DataOutputView out) throws IOException {
        out.writeByte(FORMAT);
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

    @Override
    public UserSessionState deserialize(DataInputView in) throws IOException {
        byte format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("unknown user session state format " + format);
        }
        UserSessionState state = new UserSessionState();
        if (in.readBoolean()) {
            state.setTimeline(readTimeline(in));
        }
        for (int w = 0; w < UserSessionFeatureSet.WINDOWS.size(); w++) {
            TreeMapStore<Long, SliceAccumulator> slices = state.slices(w);
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                long start = in.readLong();
                slices.put(start, readSlice(in));
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

    @Override
    public UserSessionState deserialize(UserSessionState reuse, DataInputView in)
            throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<UserSessionState> snapshotConfiguration() {
        return new Snapshot();
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

    /** Restores this serializer from checkpoints and savepoints. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<UserSessionState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
