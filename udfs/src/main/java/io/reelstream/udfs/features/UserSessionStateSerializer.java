package io.reelstream.udfs.features;

import io.reelstream.udfs.serde.ExplicitSerializer;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Explicit serializer of {@link UserSessionState} (no reflection per access): a format byte, then
 * the timeline, each window's slices, the cursors, the recent event ids and the decay timer.
 *
 * <p>State schema v2 of session features (v1 was one POJO entry per slice, cursor and timeline, see
 * {@link V1UserSessionState}). Values are written in format {@value #FORMAT} ({@link
 * UserSessionStateFormatV3}, compact) and format 2 ({@link UserSessionStateFormatV2}, fixed-width)
 * still reads: a value restored in format 2 is rewritten in format 3 the next time its member
 * changes. A later format adds a case to {@link #deserialize(DataInputView)}.
 */
public final class UserSessionStateSerializer extends ExplicitSerializer<UserSessionState> {

    private static final long serialVersionUID = 1L;

    /** The format values are written in; {@link UserSessionStateFormatV2} values still read. */
    public static final byte FORMAT = UserSessionStateFormatV3.FORMAT;

    public static final UserSessionStateSerializer INSTANCE = new UserSessionStateSerializer();

    @Override
    public UserSessionState createInstance() {
        return new UserSessionState();
    }

    @Override
    public void serialize(UserSessionState state, DataOutputView out) throws IOException {
        out.writeByte(FORMAT);
        UserSessionStateFormatV3.write(state, out);
    }

    @Override
    public UserSessionState deserialize(DataInputView in) throws IOException {
        byte format = in.readByte();
        return switch (format) {
            case UserSessionStateFormatV3.FORMAT -> UserSessionStateFormatV3.read(in);
            case UserSessionStateFormatV2.FORMAT -> UserSessionStateFormatV2.read(in);
            default -> throw new IOException("unknown user session state format " + format);
        };
    }

    @Override
    public TypeSerializerSnapshot<UserSessionState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints and savepoints. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<UserSessionState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
