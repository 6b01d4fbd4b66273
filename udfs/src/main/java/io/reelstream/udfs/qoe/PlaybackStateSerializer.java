package io.reelstream.udfs.qoe;

import io.reelstream.udfs.serde.ExplicitSerializer;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Explicit serializer of {@link PlaybackState}, so that each sample reads and writes the whole
 * playback once without reflection: a format byte, then {@link PlaybackStateFormat}. A later format
 * adds a case to {@link #deserialize(DataInputView)} and keeps reading this one.
 */
public final class PlaybackStateSerializer extends ExplicitSerializer<PlaybackState> {

    private static final long serialVersionUID = 1L;

    public static final byte FORMAT = PlaybackStateFormat.FORMAT;

    public static final PlaybackStateSerializer INSTANCE = new PlaybackStateSerializer();

    @Override
    public PlaybackState createInstance() {
        return new PlaybackState();
    }

    @Override
    public void serialize(PlaybackState state, DataOutputView out) throws IOException {
        out.writeByte(FORMAT);
        PlaybackStateFormat.write(state, out);
    }

    @Override
    public PlaybackState deserialize(DataInputView in) throws IOException {
        byte format = in.readByte();
        if (format != PlaybackStateFormat.FORMAT) {
            throw new IOException("unknown playback state format " + format);
        }
        return PlaybackStateFormat.read(in);
    }

    @Override
    public TypeSerializerSnapshot<PlaybackState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints and savepoints. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<PlaybackState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
