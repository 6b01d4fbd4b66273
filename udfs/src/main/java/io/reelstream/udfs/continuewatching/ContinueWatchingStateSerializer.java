package io.reelstream.udfs.continuewatching;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Explicit serializer of {@link ContinueWatchingState} (no reflection per access): a format byte,
 * then {@link ContinueWatchingStateFormat}. A later format adds a case to {@link
 * #deserialize(DataInputView)} and keeps reading this one.
 */
public final class ContinueWatchingStateSerializer
        extends TypeSerializerSingleton<ContinueWatchingState> {

    private static final long serialVersionUID = 1L;

    public static final byte FORMAT = ContinueWatchingStateFormat.FORMAT;

    public static final ContinueWatchingStateSerializer INSTANCE =
            new ContinueWatchingStateSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public ContinueWatchingState createInstance() {
        return new ContinueWatchingState();
    }

    @Override
    public ContinueWatchingState copy(ContinueWatchingState from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ContinueWatchingState copy(ContinueWatchingState from, ContinueWatchingState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
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
    public ContinueWatchingState deserialize(ContinueWatchingState reuse, DataInputView in)
            throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
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
