package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The explicit serializer of QoE state version 3 keeps every field, nulls included. The session is
 * filled and compared by reflection, so a field added to {@link PlaybackSessionState} without being
 * serialized fails here.
 */
class PlaybackStateSerializerTest {

    private static final PlaybackStateSerializer SERIALIZER = PlaybackStateSerializer.INSTANCE;
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void everySessionFieldRoundTrips() throws Exception {
        PlaybackState state = new PlaybackState();
        state.session = fullSession();

        PlaybackState read = roundTrip(state);

        assertSameSessionFields(read.session, state.session);
    }

    @Test
    void eachSessionFlagKeepsItsOwnSlot() throws Exception {
        for (Field flag : sessionFields()) {
            if (flag.getType() != boolean.class) {
                continue;
            }
            PlaybackState state = new PlaybackState();
            state.session = new PlaybackSessionState();
            flag.setBoolean(state.session, true);

            assertSameSessionFields(roundTrip(state).session, state.session);
        }
    }

    @Test
    void nullSessionFieldsStayNull() throws Exception {
        PlaybackSessionState session = fullSession();
        for (Field field : sessionFields()) {
            if (!field.getType().isPrimitive()) {
                field.set(session, null);
            }
        }
        PlaybackState state = new PlaybackState();
        state.session = session;

        PlaybackState read = roundTrip(state);

        assertSameSessionFields(read.session, session);
        assertThat(read.session.asn).isNull();
        assertThat(read.session.firstRequestTime).isNull();
        assertThat(read.session.deviceType).isNull();
    }

    @Test
    void waitingSamplesKeepTheirInstantsAndOrder() throws IOException {
        PlaybackState state = new PlaybackState();
        state.session = fullSession();
        for (int instant = 0; instant < 3; instant++) {
            long time = T0 + instant * 1_000L;
            state.addPending(PlaybackSample.telemetry(fullEvent("t-" + instant, time)));
            state.addPending(new PlaybackSample(sparseEvent("c-" + instant, time), fullCmcd()));
        }
        state.addPending(new PlaybackSample(fullEvent("last", T0 + 9_000), sparseCmcd()));
        state.settleTimerAt = T0;
        state.deadlineTimerAt = T0 + 5_000;

        PlaybackState read = roundTrip(state);

        assertThat(read.pending).isEqualTo(state.pending);
        assertThat(read.pending.get(T0))
                .extracting(s -> s.event().eventId())
                .containsExactly("t-0", "c-0");
        assertThat(read.pending.get(T0 + 1_000).get(1).cmcd()).isEqualTo(fullCmcd());
        assertThat(read.settleTimerAt).isEqualTo(T0);
        assertThat(read.deadlineTimerAt).isEqualTo(T0 + 5_000);
        assertThat(read.closedAt).isEqualTo(PlaybackState.NONE);
        read.addPending(PlaybackSample.telemetry(fullEvent("more", T0)));
        assertThat(read.pending.get(T0)).hasSize(3);
    }

    @Test
    void theStallsSignalledAheadRoundTrip() throws IOException {
        PlaybackState without = new PlaybackState();
        without.session = fullSession();
        PlaybackState with = new PlaybackState();
        with.ahead = new StallsSignalledAhead();
        with.ahead.add(T0 + 100);
        with.ahead.add(T0 + 200);
        with.ahead.watchedDueAt = T0 + 5_100;
        with.ahead.timerAt = 42;
        with.ahead.v = 7;

        assertThat(roundTrip(without).ahead).isNull();
        assertThat(roundTrip(with).ahead).usingRecursiveComparison().isEqualTo(with.ahead);
        assertThat(roundTrip(with).ahead.starts).containsExactly(T0 + 100, T0 + 200);
    }

    @Test
    void aClosedPlaybackRoundTrips() throws IOException {
        PlaybackState state = new PlaybackState();
        state.session = fullSession();
        state.addPending(PlaybackSample.telemetry(fullEvent("e", T0)));
        state.addPending(PlaybackSample.telemetry(fullEvent("next", T0 + 200_000)));
        state.close(T0 + 60_000, 120_000);
        state.deadlineTimerAt = T0 + 180_000;

        PlaybackState read = roundTrip(state);

        assertThat(read.isLateForClosed(T0 + 179_999, 120_000)).isTrue();
        assertThat(read.isLateForClosed(T0 + 180_000, 120_000)).isFalse();
        assertThat(read.closedAt).isEqualTo(T0 + 60_000);
        assertThat(read.session).isNull();
        assertThat(read.ahead).isNull();
        assertThat(read.pending.keySet()).containsExactly(T0 + 200_000);
        assertThat(read.settleTimerAt).isEqualTo(PlaybackState.NONE);
        assertThat(read.deadlineTimerAt).isEqualTo(T0 + 180_000);
    }

    @Test
    void theSerializedFormStartsWithTheFormat() throws IOException {
        assertThat(PlaybackStateSerializer.FORMAT).isEqualTo((byte) 1);
        assertThat(serialize(SERIALIZER, new PlaybackState())[0])
                .isEqualTo(PlaybackStateSerializer.FORMAT);
    }

    @Test
    void anUnknownFormatFailsLoudly() {
        DataInputDeserializer in = new DataInputDeserializer(new byte[] {99, 0, 0});
        assertThatThrownBy(() -> SERIALIZER.deserialize(in))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format 99");
    }

    @Test
    void copiesAreIndependent() {
        PlaybackState state = new PlaybackState();
        state.session = fullSession();
        state.addPending(PlaybackSample.telemetry(fullEvent("e", T0)));

        PlaybackState copy = SERIALIZER.copy(state);
        copy.session.playMs = -1;
        copy.pending.clear();

        assertThat(state.session.playMs).isNotEqualTo(-1);
        assertThat(state.pending).hasSize(1);
    }

    @Test
    void itsSnapshotRestoresASerializerThatReadsTheBytes() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, SERIALIZER.snapshotConfiguration());
        TypeSerializerSnapshot<PlaybackState> read =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());

        TypeSerializerSchemaCompatibility<PlaybackState> compatibility =
                SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        TypeSerializer<PlaybackState> restored = read.restoreSerializer();
        assertThat(restored).isSameAs(SERIALIZER);

        PlaybackState state = new PlaybackState();
        state.session = fullSession();
        state.addPending(new PlaybackSample(fullEvent("e", T0), fullCmcd()));
        PlaybackState back =
                restored.deserialize(new DataInputDeserializer(serialize(SERIALIZER, state)));
        assertSameSessionFields(back.session, state.session);
        assertThat(back.pending).isEqualTo(state.pending);
    }

    // ---- the session by reflection ----

    private static List<Field> sessionFields() {
        List<Field> fields = new ArrayList<>();
        for (Field field : PlaybackSessionState.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                fields.add(field);
            }
        }
        return fields;
    }

    /** Every field set to a value of its own, none the default. */
    private static PlaybackSessionState fullSession() {
        PlaybackSessionState session = new PlaybackSessionState();
        PlaybackSessionState defaults = new PlaybackSessionState();
        int n = 100;
        try {
            for (Field field : sessionFields()) {
                field.set(session, distinctValue(field, n++));
                assertThat(field.get(session))
                        .as(field.getName())
                        .isNotEqualTo(field.get(defaults));
            }
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
        assertThat(n - 100).as("session fields").isGreaterThan(50);
        return session;
    }

    private static Object distinctValue(Field field, int n) {
        Class<?> type = field.getType();
        if (type == int.class || type == Integer.class) {
            return n;
        } else if (type == long.class || type == Long.class) {
            return T0 + n;
        } else if (type == boolean.class) {
            return true;
        } else if (type == Double.class) {
            return n + 0.25;
        } else if (type == String.class) {
            return field.getName() + "-" + n;
        } else if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[1 + n % (constants.length - 1)];
        }
        throw new AssertionError(
                "no test value for " + field.getName() + " of type " + type + ": extend the test");
    }

    private static void assertSameSessionFields(
            PlaybackSessionState actual, PlaybackSessionState expected) {
        assertThat(actual).isNotNull();
        try {
            for (Field field : sessionFields()) {
                assertThat(field.get(actual)).as(field.getName()).isEqualTo(field.get(expected));
            }
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    // ---- samples ----

    private static QoeEvent fullEvent(String id, long time) {
        return new QoeEvent(
                1,
                id,
                time,
                "p-1",
                "u-1",
                "title-1",
                PlayerState.REBUFFERING,
                4_500L,
                3_000,
                12_000,
                "cdn-a",
                "isp-b",
                64_512,
                DeviceType.STREAMING_STICK,
                "NL",
                "E42");
    }

    private static QoeEvent sparseEvent(String id, long time) {
        return new QoeEvent(
                1, id, time, "p-1", null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    private static CmcdSignals fullCmcd() {
        return new CmcdSignals(
                true, "ps", 7L, true, false, 1_250L, 3L, 9_000L, 4_000L, 2, 11L, 60_000L, 2_500L,
                false, 4_000, "v", 1.5, "ERR_1");
    }

    private static CmcdSignals sparseCmcd() {
        return new CmcdSignals(
                false, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    // ---- bytes ----

    private static byte[] serialize(TypeSerializer<PlaybackState> serializer, PlaybackState state)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(state, out);
        return out.getCopyOfBuffer();
    }

    private static PlaybackState roundTrip(PlaybackState state) throws IOException {
        byte[] bytes = serialize(SERIALIZER, state);
        PlaybackState read = SERIALIZER.deserialize(new DataInputDeserializer(bytes));
        assertThat(serialize(SERIALIZER, read)).as("re-serialized").isEqualTo(bytes);
        return read;
    }
}
