package io.reelstream.udfs.features;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.udfs.serde.ExplicitSerializer;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;

/**
 * Explicit serializer of {@link UserActivity} between the activity mappers and the feature function
 * (every playback and search event crosses the network once): no reflection per field, as the POJO
 * serializer does. Enums are written by ordinal, so {@link ActivityKind} and {@link DeviceType}
 * only ever grow at the end ({@code UserActivitySerializerTest} pins their order).
 */
public final class UserActivitySerializer extends ExplicitSerializer<UserActivity> {

    private static final long serialVersionUID = 1L;

    public static final UserActivitySerializer INSTANCE = new UserActivitySerializer();

    private static final ActivityKind[] KINDS = ActivityKind.values();
    private static final DeviceType[] DEVICES = DeviceType.values();

    @Override
    public UserActivity createInstance() {
        return new UserActivity();
    }

    @Override
    public UserActivity copy(UserActivity from) {
        UserActivity a = new UserActivity();
        a.v = from.v;
        a.userId = from.userId;
        a.eventTime = from.eventTime;
        a.eventIdHash = from.eventIdHash;
        a.kind = from.kind;
        a.titleId = from.titleId;
        a.playbackId = from.playbackId;
        a.deviceType = from.deviceType;
        a.positionMs = from.positionMs;
        a.progressEndMs = from.progressEndMs;
        return a;
    }

    @Override
    public void serialize(UserActivity a, DataOutputView out) throws IOException {
        out.writeByte(a.v);
        StringValue.writeString(a.userId, out);
        out.writeLong(a.eventTime);
        out.writeLong(a.eventIdHash);
        out.writeByte(a.kind == null ? 0 : a.kind.ordinal() + 1);
        StringValue.writeString(a.titleId, out);
        StringValue.writeString(a.playbackId, out);
        out.writeByte(a.deviceType == null ? 0 : a.deviceType.ordinal() + 1);
        out.writeLong(a.positionMs);
        out.writeLong(a.progressEndMs);
    }

    @Override
    public UserActivity deserialize(DataInputView in) throws IOException {
        UserActivity a = new UserActivity();
        a.v = in.readByte();
        a.userId = StringValue.readString(in);
        a.eventTime = in.readLong();
        a.eventIdHash = in.readLong();
        int kind = in.readByte();
        a.kind = kind == 0 ? null : KINDS[kind - 1];
        a.titleId = StringValue.readString(in);
        a.playbackId = StringValue.readString(in);
        int device = in.readByte();
        a.deviceType = device == 0 ? null : DEVICES[device - 1];
        a.positionMs = in.readLong();
        a.progressEndMs = in.readLong();
        return a;
    }

    @Override
    public TypeSerializerSnapshot<UserActivity> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer (unaligned checkpoints hold records in flight). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<UserActivity> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
