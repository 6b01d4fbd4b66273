package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.udfs.continuewatching.model.ContinueWatchingSettings;

import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.MINUTE;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.MOVIE;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.T0;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.catalogIndex;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.episode;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The explicit serializer of state schema v3 keeps every field, nulls included. */
class ContinueWatchingStateSerializerTest {

    private static final ContinueWatchingStateSerializer SERIALIZER =
            ContinueWatchingStateSerializer.INSTANCE;

    @Test
    void aFullStateRoundTripsFieldByField() throws IOException {
        ContinueWatchingState state = fullState();

        ContinueWatchingState read = roundTrip(state);

        assertThat(read).usingRecursiveComparison().isEqualTo(state);
        assertThat(read.row.titles).hasSizeGreaterThan(1);
        assertThat(read.pending).hasSize(2);
    }

    @Test
    void anEmptyStateAndNullFieldsRoundTrip() throws IOException {
        ContinueWatchingState empty = new ContinueWatchingState();
        PlaybackEvent sparse =
                new PlaybackEvent(
                        1,
                        "e-1",
                        PlaybackEventType.START,
                        T0,
                        "u",
                        null,
                        null,
                        null,
                        "t",
                        null,
                        0,
                        0,
                        null);
        TitleProgress bare = TitleProgress.of("t");
        ContinueWatchingRow row = new ContinueWatchingRow();
        row.titles.add(bare);
        ContinueWatchingState sparseState =
                new ContinueWatchingState(row, null, new ArrayList<>(List.of(sparse)), T0);

        assertThat(roundTrip(empty)).usingRecursiveComparison().isEqualTo(empty);
        assertThat(roundTrip(sparseState)).usingRecursiveComparison().isEqualTo(sparseState);
    }

    @Test
    void copiesAreIndependent() {
        ContinueWatchingState state = fullState();
        ContinueWatchingState copy = SERIALIZER.copy(state);

        copy.row.titles.get(0).positionMs = -1;
        copy.pending.clear();

        assertThat(state.row.titles.get(0).positionMs).isNotEqualTo(-1);
        assertThat(state.pending).hasSize(2);
    }

    @Test
    void anUnknownFormatFailsLoudly() {
        DataInputDeserializer in = new DataInputDeserializer(new byte[] {99, 0, 0});
        assertThatThrownBy(() -> SERIALIZER.deserialize(in))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format 99");
    }

    @Test
    void itsSnapshotRestoresAsTheSameSerializer() throws IOException {
        TypeSerializerSnapshot<ContinueWatchingState> snapshot = SERIALIZER.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<ContinueWatchingState> read =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());

        TypeSerializerSchemaCompatibility<ContinueWatchingState> compatibility =
                SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(read.restoreSerializer()).isSameAs(SERIALIZER);
    }

    private static ContinueWatchingState fullState() {
        List<PlaybackEvent> watched = session(episode(1, 1), "p1", T0, 0, 39 * MINUTE);
        watched.addAll(session(MOVIE, "p2", T0 + 50 * MINUTE, 0, 20 * MINUTE));
        ContinueWatchingRow row = new ContinueWatchingRow();
        for (PlaybackEvent event : watched) {
            row.apply(event, catalogIndex(), ContinueWatchingSettings.DEFAULTS);
        }
        RowWriteClock clock = new RowWriteClock();
        clock.lastWriteAt = T0 + 70 * MINUTE;
        clock.lastWriteMicros = 1_234_567L;
        clock.rowExpiresAt = T0 + 1000 * MINUTE;
        clock.flushTimerAt = T0 + 71 * MINUTE;
        clock.expiryTimerAt = T0 + 999 * MINUTE;
        clock.writerIncarnation = 42;
        List<PlaybackEvent> pending =
                new ArrayList<>(session(MOVIE, "p3", T0 + 80 * MINUTE, 20 * MINUTE, 21 * MINUTE));
        PlaybackEvent seek =
                new PlaybackEvent(
                        1,
                        "seek-1",
                        PlaybackEventType.SEEK,
                        T0 + 81 * MINUTE,
                        "u",
                        "profile-2",
                        DeviceType.MOBILE,
                        "NL",
                        MOVIE,
                        "p3",
                        30 * MINUTE,
                        120 * MINUTE,
                        21 * MINUTE);
        pending = new ArrayList<>(List.of(pending.get(0), seek));
        ContinueWatchingState state =
                new ContinueWatchingState(row, clock, pending, T0 + 80 * MINUTE);
        state.flushAheadAt = T0 + 72 * MINUTE;
        return state;
    }

    private static ContinueWatchingState roundTrip(ContinueWatchingState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        SERIALIZER.serialize(state, out);
        return SERIALIZER.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
