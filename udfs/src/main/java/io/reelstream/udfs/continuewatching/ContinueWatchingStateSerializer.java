package io.reelstream.udfs.continuewatching;

import io.reelstream.udfs.serde.ExplicitSerializer;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Explicit serializer of {@link ContinueWatchingState} (no reflection per access): a format byte,
 * then {@link ContinueWatchingStateFormat}. A later format adds a case to {@link
 * #deserialize(DataInputView)} and keeps reading this one.
 */
public final class ContinueWatchingStateSerializer
        extends ExplicitSerializer<ContinueWatchingState> {

    private static final long serialVersionUID = 1L;

    public static final byte FORMAT = ContinueWatchingStateFormat.FORMAT;

    public static final ContinueWatchingStateSerializer INSTANCE =
            new ContinueWatchingStateSerializer();

    @Override
    public ContinueWatchingState createInstance() {
        return new ContinueWatchingState();
    }

    @Override
    public void serialize(ContinueWatchingState state, DataOutputView out) throws IOException {
        out.writeByte(FORMAT);
        ContinueWatchingStateFormat.write(state, out);
    }

    @Override
    public ContinueWatchingState deserialize(DataInputView in) throws IOException {
        byte format = in.readByte();
        if (format != ContinueWatchingStateFormat.FORMAT) {
            throw new IOException("unknown continue-watching state format " + format);
        }
        return ContinueWatchingStateFormat.read(in);
    }

    @Override
    public TypeSerializerSnapshot<ContinueWatchingState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints and savepoints. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ContinueWatchingState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
