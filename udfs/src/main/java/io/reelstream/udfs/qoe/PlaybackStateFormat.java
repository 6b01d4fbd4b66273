package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The field layout of {@link PlaybackState} values, format {@value #FORMAT}: the session (its
 * fields in declaration order), the waiting samples instant by instant (in arrival order), the
 * stalls signalled ahead, then the closed time and the two timers. Strings (and enums, written by
 * name, so a contract enum that gains a value keeps reading old values) go through Flink's {@link
 * StringValue}, which keeps nulls; nullable numbers and flags are preceded by a presence flag.
 */
final class PlaybackStateFormat {

    static final byte FORMAT = 1;

    private PlaybackStateFormat() {}

    static void write(PlaybackState state, DataOutputView out) throws IOException {
        out.writeBoolean(state.session != null);
        if (state.session != null) {
            writeSession(state.session, out);
        }
        writePending(state.pending, out);
        out.writeBoolean(state.ahead != null);
        if (state.ahead != null) {
            writeAhead(state.ahead, out);
        }
        out.writeLong(state.closedAt);
        out.writeLong(state.settleTimerAt);
        out.writeLong(state.deadlineTimerAt);
    }

    static PlaybackState read(DataInputView in) throws IOException {
        PlaybackSessionState session = in.readBoolean() ? readSession(in) : null;
        PlaybackState state = new PlaybackState(readPending(in));
        state.session = session;
        state.ahead = in.readBoolean() ? readAhead(in) : null;
        state.closedAt = in.readLong();
        state.settleTimerAt = in.readLong();
        state.deadlineTimerAt = in.readLong();
        return state;
    }

    // ---- the session, in the groups of its declaration ----

    private static void writeSession(PlaybackSessionState s, DataOutputView out)
            throws IOException {
        writeIdentity(s, out);
        writeStateTrack(s, out);
        writeRequestTrack(s, out);
        writeReported(s, out);
    }

    private static PlaybackSessionState readSession(DataInputView in) throws IOException {
        PlaybackSessionState s = new PlaybackSessionState();
        readIdentity(s, in);
        readStateTrack(s, in);
        readRequestTrack(s, in);
        readReported(s, in);
        return s;
    }

    private static void writeIdentity(PlaybackSessionState s, DataOutputView out)
            throws IOException {
        out.writeInt(s.v);
        StringValue.writeString(s.playbackId, out);
        StringValue.writeString(s.userId, out);
        StringValue.writeString(s.titleId, out);
        StringValue.writeString(s.cdn, out);
        StringValue.writeString(s.isp, out);
        writeNullableInt(s.asn, out);
        writeEnum(s.deviceType, out);
        StringValue.writeString(s.country, out);
    }

    private static void readIdentity(PlaybackSessionState s, DataInputView in) throws IOException {
        s.v = in.readInt();
        s.playbackId = StringValue.readString(in);
        s.userId = StringValue.readString(in);
        s.titleId = StringValue.readString(in);
        s.cdn = StringValue.readString(in);
        s.isp = StringValue.readString(in);
        s.asn = readNullableInt(in);
        s.deviceType = readEnum(DeviceType.class, in);
        s.country = StringValue.readString(in);
    }

    private static void writeStateTrack(PlaybackSessionState s, DataOutputView out)
            throws IOException {
        out.writeLong(s.firstSampleTime);
        out.writeLong(s.lastSampleTime);
        writeEnum(s.state, out);
        out.writeLong(s.stateSince);
        out.writeBoolean(s.started);
        out.writeLong(s.startupMs);
        out.writeBoolean(s.countedRebuffer);
        out.writeBoolean(s.stallSignalled);
        out.writeInt(s.rebufferCount);
        out.writeLong(s.rebufferMs);
        out.writeLong(s.playMs);
        out.writeLong(s.bitrateKnownPlayMs);
        out.writeLong(s.bitrateTimeProduct);
        writeNullableInt(s.lastBitrateKbps, out);
        out.writeInt(s.bitrateSwitches);
        out.writeInt(s.stallCount);
        StringValue.writeString(s.errorCode, out);
        out.writeBoolean(s.stateReported);
        out.writeLong(s.firstStateTime);
        out.writeLong(s.lastStateTime);
    }

    private static void readStateTrack(PlaybackSessionState s, DataInputView in)
            throws IOException {
        s.firstSampleTime = in.readLong();
        s.lastSampleTime = in.readLong();
        s.state = readEnum(PlayerState.class, in);
        s.stateSince = in.readLong();
        s.started = in.readBoolean();
        s.startupMs = in.readLong();
        s.countedRebuffer = in.readBoolean();
        s.stallSignalled = in.readBoolean();
        s.rebufferCount = in.readInt();
        s.rebufferMs = in.readLong();
        s.playMs = in.readLong();
        s.bitrateKnownPlayMs = in.readLong();
        s.bitrateTimeProduct = in.readLong();
        s.lastBitrateKbps = readNullableInt(in);
        s.bitrateSwitches = in.readInt();
        s.stallCount = in.readInt();
        s.errorCode = StringValue.readString(in);
        s.stateReported = in.readBoolean();
        s.firstStateTime = in.readLong();
        s.lastStateTime = in.readLong();
    }

    private static void writeRequestTrack(PlaybackSessionState s, DataOutputView out)
            throws IOException {
        writeNullableLong(s.firstRequestTime, out);
        writeNullableLong(s.requestStartTime, out);
        writeNullableLong(s.lastRequestTime, out);
        out.writeInt(s.requestStarvations);
        out.writeBoolean(s.starvationPending);
        writeNullableLong(s.lastVideoRequestTime, out);
        writeNullableLong(s.lastVideoBufferMs, out);
        writeNullableInt(s.lastVideoObjectMs, out);
        writeNullableDouble(s.lastVideoPlaybackRate, out);
        out.writeLong(s.estimatedStarvationMs);
        out.writeInt(s.unestimatedStarvations);
        out.writeLong(s.lastEstimatedStallMs);
        out.writeBoolean(s.requestStallPending);
    }

    private static void readRequestTrack(PlaybackSessionState s, DataInputView in)
            throws IOException {
        s.firstRequestTime = readNullableLong(in);
        s.requestStartTime = readNullableLong(in);
        s.lastRequestTime = readNullableLong(in);
        s.requestStarvations = in.readInt();
        s.starvationPending = in.readBoolean();
        s.lastVideoRequestTime = readNullableLong(in);
        s.lastVideoBufferMs = readNullableLong(in);
        s.lastVideoObjectMs = readNullableInt(in);
        s.lastVideoPlaybackRate = readNullableDouble(in);
        s.estimatedStarvationMs = in.readLong();
        s.unestimatedStarvations = in.readInt();
        s.lastEstimatedStallMs = in.readLong();
        s.requestStallPending = in.readBoolean();
    }

    private static void writeReported(PlaybackSessionState s, DataOutputView out)
            throws IOException {
        writeNullableLong(s.reportedStartupMs, out);
        writeNullableLong(s.reportedStarvations, out);
        writeNullableLong(s.reportedStarvationMs, out);
        out.writeInt(s.endedStarvationsRequestMode);
        out.writeLong(s.endedStarvationMsRequestMode);
        out.writeInt(s.endedStarvationsEventMode);
        out.writeLong(s.endedStarvationMsEventMode);
        writeNullableLong(s.droppedFrames, out);
        writeNullableLong(s.playheadMs, out);
        writeNullableLong(s.liveLatencyMs, out);
        out.writeBoolean(s.backgrounded);
        StringValue.writeString(s.currentContentId, out);
        out.writeInt(s.contentChanges);
        out.writeInt(s.playerErrors);
        out.writeBoolean(s.previousReleaseSamples);
    }

    private static void readReported(PlaybackSessionState s, DataInputView in) throws IOException {
        s.reportedStartupMs = readNullableLong(in);
        s.reportedStarvations = readNullableLong(in);
        s.reportedStarvationMs = readNullableLong(in);
        s.endedStarvationsRequestMode = in.readInt();
        s.endedStarvationMsRequestMode = in.readLong();
        s.endedStarvationsEventMode = in.readInt();
        s.endedStarvationMsEventMode = in.readLong();
        s.droppedFrames = readNullableLong(in);
        s.playheadMs = readNullableLong(in);
        s.liveLatencyMs = readNullableLong(in);
        s.backgrounded = in.readBoolean();
        s.currentContentId = StringValue.readString(in);
        s.contentChanges = in.readInt();
        s.playerErrors = in.readInt();
        s.previousReleaseSamples = in.readBoolean();
    }

    // ---- the waiting samples ----

    private static void writePending(
            TreeMap<Long, List<PlaybackSample>> pending, DataOutputView out) throws IOException {
        out.writeInt(pending.size());
        for (Map.Entry<Long, List<PlaybackSample>> instant : pending.entrySet()) {
            out.writeLong(instant.getKey());
            out.writeInt(instant.getValue().size());
            for (PlaybackSample sample : instant.getValue()) {
                writeSample(sample, out);
            }
        }
    }

    private static TreeMap<Long, List<PlaybackSample>> readPending(DataInputView in)
            throws IOException {
        TreeMap<Long, List<PlaybackSample>> pending = new TreeMap<>();
        int instants = in.readInt();
        for (int i = 0; i < instants; i++) {
            long time = in.readLong();
            int size = in.readInt();
            List<PlaybackSample> samples = new ArrayList<>(Math.max(size, 2));
            for (int j = 0; j < size; j++) {
                samples.add(readSample(in));
            }
            pending.put(time, samples);
        }
        return pending;
    }

    private static void writeSample(PlaybackSample sample, DataOutputView out) throws IOException {
        writeEvent(sample.event(), out);
        out.writeBoolean(sample.cmcd() != null);
        if (sample.cmcd() != null) {
            writeCmcd(sample.cmcd(), out);
        }
    }

    private static PlaybackSample readSample(DataInputView in) throws IOException {
        QoeEvent event = readEvent(in);
        return new PlaybackSample(event, in.readBoolean() ? readCmcd(in) : null);
    }

    private static void writeEvent(QoeEvent e, DataOutputView out) throws IOException {
        out.writeInt(e.v());
        StringValue.writeString(e.eventId(), out);
        out.writeLong(e.eventTime());
        StringValue.writeString(e.playbackId(), out);
        StringValue.writeString(e.userId(), out);
        StringValue.writeString(e.titleId(), out);
        writeEnum(e.state(), out);
        writeNullableLong(e.bufferMs(), out);
        writeNullableInt(e.bitrateKbps(), out);
        writeNullableInt(e.throughputKbps(), out);
        StringValue.writeString(e.cdn(), out);
        StringValue.writeString(e.isp(), out);
        writeNullableInt(e.asn(), out);
        writeEnum(e.deviceType(), out);
        StringValue.writeString(e.country(), out);
        StringValue.writeString(e.errorCode(), out);
    }

    private static QoeEvent readEvent(DataInputView in) throws IOException {
        return new QoeEvent(
                in.readInt(),
                StringValue.readString(in),
                in.readLong(),
                StringValue.readString(in),
                StringValue.readString(in),
                StringValue.readString(in),
                readEnum(PlayerState.class, in),
                readNullableLong(in),
                readNullableInt(in),
                readNullableInt(in),
                StringValue.readString(in),
                StringValue.readString(in),
                readNullableInt(in),
                readEnum(DeviceType.class, in),
                StringValue.readString(in),
                StringValue.readString(in));
    }

    private static void writeCmcd(CmcdSignals c, DataOutputView out) throws IOException {
        out.writeBoolean(c.eventMode());
        StringValue.writeString(c.eventType(), out);
        writeNullableLong(c.sequence(), out);
        writeNullableBoolean(c.startup(), out);
        writeNullableBoolean(c.starved(), out);
        writeNullableLong(c.mediaStartDelayMs(), out);
        writeNullableLong(c.starvationCount(), out);
        writeNullableLong(c.starvationMs(), out);
        writeNullableLong(c.endedStarvationsMs(), out);
        writeNullableInt(c.endedStarvations(), out);
        writeNullableLong(c.droppedFrames(), out);
        writeNullableLong(c.playheadMs(), out);
        writeNullableLong(c.liveLatencyMs(), out);
        writeNullableBoolean(c.backgrounded(), out);
        writeNullableInt(c.objectDurationMs(), out);
        StringValue.writeString(c.objectType(), out);
        writeNullableDouble(c.playbackRate(), out);
        StringValue.writeString(c.errorCode(), out);
    }

    private static CmcdSignals readCmcd(DataInputView in) throws IOException {
        return new CmcdSignals(
                in.readBoolean(),
                StringValue.readString(in),
                readNullableLong(in),
                readNullableBoolean(in),
                readNullableBoolean(in),
                readNullableLong(in),
                readNullableLong(in),
                readNullableLong(in),
                readNullableLong(in),
                readNullableInt(in),
                readNullableLong(in),
                readNullableLong(in),
                readNullableLong(in),
                readNullableBoolean(in),
                readNullableInt(in),
                StringValue.readString(in),
                readNullableDouble(in),
                StringValue.readString(in));
    }

    // ---- the stalls signalled ahead ----

    private static void writeAhead(StallsSignalledAhead a, DataOutputView out) throws IOException {
        out.writeInt(a.v);
        out.writeInt(a.starts.length);
        for (long start : a.starts) {
            out.writeLong(start);
        }
        out.writeLong(a.watchedDueAt);
        out.writeLong(a.timerAt);
    }

    private static StallsSignalledAhead readAhead(DataInputView in) throws IOException {
        StallsSignalledAhead a = new StallsSignalledAhead();
        a.v = in.readInt();
        a.starts = new long[in.readInt()];
        for (int i = 0; i < a.starts.length; i++) {
            a.starts[i] = in.readLong();
        }
        a.watchedDueAt = in.readLong();
        a.timerAt = in.readLong();
        return a;
    }

    // ---- nullable values: a presence flag, then the value ----

    private static void writeNullableLong(Long value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long readNullableLong(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    private static void writeNullableInt(Integer value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeInt(value);
        }
    }

    private static Integer readNullableInt(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }

    private static void writeNullableDouble(Double value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeDouble(value);
        }
    }

    private static Double readNullableDouble(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    private static void writeNullableBoolean(Boolean value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeBoolean(value);
        }
    }

    private static Boolean readNullableBoolean(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readBoolean() : null;
    }

    private static void writeEnum(Enum<?> value, DataOutputView out) throws IOException {
        StringValue.writeString(value == null ? null : value.name(), out);
    }

    private static <E extends Enum<E>> E readEnum(Class<E> type, DataInputView in)
            throws IOException {
        String name = StringValue.readString(in);
        return name == null ? null : Enum.valueOf(type, name);
    }
}
