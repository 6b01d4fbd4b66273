package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The field layout of {@link ContinueWatchingState} values, format {@value #FORMAT}: the row (its
 * titles field by field), the write clock, the waiting events, the apply timer and the flush-ahead
 * timer. Strings (and enums, written by name, so a contract enum that gains a value keeps reading
 * old values) go through Flink's {@link StringValue}, which keeps nulls.
 */
final class ContinueWatchingStateFormat {

    static final byte FORMAT = 1;

    private ContinueWatchingStateFormat() {}

    static void write(ContinueWatchingState state, DataOutputView out) throws IOException {
        out.writeBoolean(state.row != null);
        if (state.row != null) {
            writeRow(state.row, out);
        }
        out.writeBoolean(state.clock != null);
        if (state.clock != null) {
            writeClock(state.clock, out);
        }
        out.writeInt(state.pending.size());
        for (PlaybackEvent event : state.pending) {
            writeEvent(event, out);
        }
        out.writeLong(state.applyTimerAt);
        out.writeLong(state.flushAheadAt);
    }

    static ContinueWatchingState read(DataInputView in) throws IOException {
        ContinueWatchingRow row = in.readBoolean() ? readRow(in) : null;
        RowWriteClock clock = in.readBoolean() ? readClock(in) : null;
        int waiting = in.readInt();
        List<PlaybackEvent> pending = new ArrayList<>(waiting);
        for (int i = 0; i < waiting; i++) {
            pending.add(readEvent(in));
        }
        ContinueWatchingState state = new ContinueWatchingState(row, clock, pending, in.readLong());
        state.flushAheadAt = in.readLong();
        return state;
    }

    private static void writeRow(ContinueWatchingRow row, DataOutputView out) throws IOException {
        out.writeInt(row.v);
        out.writeLong(row.seq);
        out.writeInt(row.titles.size());
        for (TitleProgress title : row.titles) {
            writeTitle(title, out);
        }
    }

    private static ContinueWatchingRow readRow(DataInputView in) throws IOException {
        ContinueWatchingRow row = new ContinueWatchingRow();
        row.v = in.readInt();
        row.seq = in.readLong();
        int titles = in.readInt();
        row.titles = new ArrayList<>(titles);
        for (int i = 0; i < titles; i++) {
            row.titles.add(readTitle(in));
        }
        return row;
    }

    private static void writeTitle(TitleProgress t, DataOutputView out) throws IOException {
        out.writeInt(t.v);
        StringValue.writeString(t.titleId, out);
        StringValue.writeString(t.showId, out);
        out.writeLong(t.positionMs);
        out.writeLong(t.runtimeMs);
        StringValue.writeString(t.device == null ? null : t.device.name(), out);
        out.writeLong(t.lastWatchedAt);
        out.writeInt(t.lastRank);
        StringValue.writeString(t.lastEventId, out);
        out.writeLong(t.seq);
        out.writeLong(t.watchedMs);
        out.writeBoolean(t.entered);
        out.writeBoolean(t.completed);
        out.writeLong(t.completedAt);
        out.writeLong(t.completedSeq);
        out.writeInt(t.completions);
        StringValue.writeString(t.anchorPlaybackId, out);
        out.writeLong(t.anchorPositionMs);
        out.writeLong(t.anchorTime);
    }

    private static TitleProgress readTitle(DataInputView in) throws IOException {
        TitleProgress t = new TitleProgress();
        t.v = in.readInt();
        t.titleId = StringValue.readString(in);
        t.showId = StringValue.readString(in);
        t.positionMs = in.readLong();
        t.runtimeMs = in.readLong();
        String device = StringValue.readString(in);
        t.device = device == null ? null : DeviceType.valueOf(device);
        t.lastWatchedAt = in.readLong();
        t.lastRank = in.readInt();
        t.lastEventId = StringValue.readString(in);
        t.seq = in.readLong();
        t.watchedMs = in.readLong();
        t.entered = in.readBoolean();
        t.completed = in.readBoolean();
        t.completedAt = in.readLong();
        t.completedSeq = in.readLong();
        t.completions = in.readInt();
        t.anchorPlaybackId = StringValue.readString(in);
        t.anchorPositionMs = in.readLong();
        t.anchorTime = in.readLong();
        return t;
    }

    private static void writeClock(RowWriteClock c, DataOutputView out) throws IOException {
        out.writeInt(c.v);
        out.writeLong(c.lastWriteAt);
        out.writeLong(c.lastWriteMicros);
        out.writeLong(c.rowHash);
        out.writeLong(c.membershipHash);
        out.writeLong(c.rowExpiresAt);
        out.writeLong(c.flushTimerAt);
        out.writeLong(c.expiryTimerAt);
        out.writeLong(c.writerIncarnation);
    }

    private static RowWriteClock readClock(DataInputView in) throws IOException {
        RowWriteClock c = new RowWriteClock();
        c.v = in.readInt();
        c.lastWriteAt = in.readLong();
        c.lastWriteMicros = in.readLong();
        c.rowHash = in.readLong();
        c.membershipHash = in.readLong();
        c.rowExpiresAt = in.readLong();
        c.flushTimerAt = in.readLong();
        c.expiryTimerAt = in.readLong();
        c.writerIncarnation = in.readLong();
        return c;
    }

    private static void writeEvent(PlaybackEvent e, DataOutputView out) throws IOException {
        out.writeInt(e.v());
        StringValue.writeString(e.eventId(), out);
        StringValue.writeString(e.type() == null ? null : e.type().name(), out);
        out.writeLong(e.eventTime());
        StringValue.writeString(e.userId(), out);
        StringValue.writeString(e.profileId(), out);
        StringValue.writeString(e.deviceType() == null ? null : e.deviceType().name(), out);
        StringValue.writeString(e.country(), out);
        StringValue.writeString(e.titleId(), out);
        StringValue.writeString(e.playbackId(), out);
        out.writeLong(e.positionMs());
        out.writeLong(e.runtimeMs());
        out.writeBoolean(e.seekFromMs() != null);
        if (e.seekFromMs() != null) {
            out.writeLong(e.seekFromMs());
        }
    }

    private static PlaybackEvent readEvent(DataInputView in) throws IOException {
        int v = in.readInt();
        String eventId = StringValue.readString(in);
        String type = StringValue.readString(in);
        long eventTime = in.readLong();
        String userId = StringValue.readString(in);
        String profileId = StringValue.readString(in);
        String device = StringValue.readString(in);
        String country = StringValue.readString(in);
        String titleId = StringValue.readString(in);
        String playbackId = StringValue.readString(in);
        long positionMs = in.readLong();
        long runtimeMs = in.readLong();
        Long seekFromMs = in.readBoolean() ? in.readLong() : null;
        return new PlaybackEvent(
                v,
                eventId,
                type == null ? null : PlaybackEventType.valueOf(type),
                eventTime,
                userId,
                profileId,
                device == null ? null : DeviceType.valueOf(device),
                country,
                titleId,
                playbackId,
                positionMs,
                runtimeMs,
                seekFromMs);
    }
}
