package io.reelstream.udfs.features;

import io.reelstream.schemas.features.UserFeatureVector;
import io.reelstream.udfs.features.model.GenreLookup;
import io.reelstream.udfs.features.model.UserSessionFeatureSet;
import io.reelstream.udfs.features.model.UserSessionModel;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.reelstream.udfs.features.ActivityFixtures.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The explicit state serializer: every part of a user's state survives a round trip in format 3,
 * and values of format 2 (a restored v2 savepoint) still read.
 */
class UserSessionStateSerializerTest {

    private static final UserSessionStateSerializer SERIALIZER =
            UserSessionStateSerializer.INSTANCE;

    /** A user with slices in every window, cursors, sessions, searches, ids and a timer. */
    private static UserSessionState busyUser() throws Exception {
        UserSessionModel model = new UserSessionModel(5 * MINUTE);
        UserSessionState state = new UserSessionState();
        for (ActivityFixtures.Arrival arrival : ActivityFixtures.stream(7, "u1", MINUTE, 0)) {
            UserActivity a = arrival.activity();
            if (model.isLate(a.eventTime, Long.MIN_VALUE)) {
                continue;
            }
            model.accept(state, a);
            state.recentIds().add(a.eventTime * 31 + 1, a.eventTime);
        }
        state.setDecayTimerAt(model.nextDecayTime(state));
        state.timeline().lastEmitAt = 42;
        state.timeline().pendingEmitAt = 242;
        return state;
    }

    private static byte[] bytes(UserSessionState state) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        SERIALIZER.serialize(state, out);
        return out.getCopyOfBuffer();
    }

    private static UserSessionState read(byte[] bytes) throws Exception {
        return SERIALIZER.deserialize(new DataInputDeserializer(bytes));
    }

    @Test
    void shouldRoundTripEveryPartOfTheState() throws Exception {
        UserSessionState state = busyUser();
        assertThat(state.sliceCount(0)).isPositive();
        assertThat(state.sliceCount(2)).isPositive();
        assertThat(state.cursors().size()).isPositive();
        assertThat(state.timeline().sessions).isNotEmpty();

        UserSessionState copy = read(bytes(state));

        for (int w = 0; w < UserSessionFeatureSet.WINDOWS.size(); w++) {
            assertThat(copy.slices(w).entries())
                    .containsExactlyElementsOf(state.slices(w).entries());
        }
        assertThat(copy.cursors().size()).isEqualTo(state.cursors().size());
        for (var cursor : state.cursors().entries()) {
            assertThat(copy.cursors().get(cursor.getKey()))
                    .usingRecursiveComparison()
                    .isEqualTo(cursor.getValue());
        }
        assertThat(copy.timeline()).usingRecursiveComparison().isEqualTo(state.timeline());
        assertThat(copy.recentIds().size()).isEqualTo(state.recentIds().size());
        assertThat(copy.recentIds().hashAt(3)).isEqualTo(state.recentIds().hashAt(3));
        assertThat(copy.decayTimerAt()).isEqualTo(state.decayTimerAt());
        assertThat(bytes(copy)).isEqualTo(bytes(state));
        assertThat(bytes(SERIALIZER.copy(state))).isEqualTo(bytes(state));
    }

    @Test
    void shouldProduceTheSameVectorFromTheCopy() throws Exception {
        UserSessionModel model = new UserSessionModel(5 * MINUTE);
        UserSessionState state = busyUser();
        UserSessionState copy = read(bytes(state));
        GenreLookup genres = title -> List.of("drama");
        UserFeatureVector original = model.emit(state, "u1", genres);
        UserFeatureVector restored = model.emit(copy, "u1", genres);
        assertThat(restored).usingRecursiveComparison().isEqualTo(original);
    }

    @Test
    void shouldRoundTripAnEmptyStateAndRestoreFromItsSnapshot() throws Exception {
        UserSessionState empty = new UserSessionState();
        assertThat(read(bytes(empty)).timeline()).isNull();

        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, SERIALIZER.snapshotConfiguration());
        TypeSerializerSnapshot<UserSessionState> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());
        assertThat(restored.restoreSerializer()).isEqualTo(SERIALIZER);
        assertThat(
                        SERIALIZER
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(restored)
                                .isCompatibleAsIs())
                .isTrue();
    }

    @Test
    void shouldReadFormatTwoValuesIntoTheSameState() throws Exception {
        UserSessionState state = busyUser();
        DataOutputSerializer out = new DataOutputSerializer(256);
        UserSessionStateFormatV2Writer.write(state, out);
        byte[] formatTwo = out.getCopyOfBuffer();
        assertThat(formatTwo[0]).isEqualTo((byte) 2);

        UserSessionState copy = read(formatTwo);

        assertThat(bytes(copy)).isEqualTo(bytes(state));
        assertThat(copy.timeline()).usingRecursiveComparison().isEqualTo(state.timeline());
    }

    @Test
    void shouldWriteFormatThreeInAboutHalfTheBytesOfFormatTwo() throws Exception {
        UserSessionState state = busyUser();
        DataOutputSerializer out = new DataOutputSerializer(256);
        UserSessionStateFormatV2Writer.write(state, out);

        byte[] formatThree = bytes(state);

        assertThat(formatThree[0]).isEqualTo(UserSessionStateFormatV3.FORMAT);
        assertThat((double) formatThree.length).isLessThan(0.6 * out.length());
    }

    @Test
    void shouldShareOneStringPerTitleAcrossSlicesAndSessions() throws Exception {
        UserSessionState copy = read(bytes(busyUser()));
        String inSession = copy.timeline().sessions.get(0).titleIds.get(0);

        for (int w = 0; w < UserSessionFeatureSet.WINDOWS.size(); w++) {
            for (var slice : copy.slices(w).entries()) {
                for (String title : slice.getValue().titleWatchMs.keySet()) {
                    if (title.equals(inSession)) {
                        assertThat(title).isSameAs(inSession);
                    }
                }
            }
        }
    }

    @Test
    void shouldRoundTripExtremeNumbersAndTheNoneInstant() throws Exception {
        long[] values = {0, 1, -1, 63, -64, 64, Long.MAX_VALUE, Long.MIN_VALUE, 1_796_000_000_000L};
        long base = 1_796_000_000_000L;
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (long v : values) {
            UserSessionStateFormatV3.writeSigned(out, v);
            UserSessionStateFormatV3.writeInstant(out, v, base);
            UserSessionStateFormatV3.writeVarint(out, v);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (long v : values) {
            assertThat(UserSessionStateFormatV3.readSigned(in)).isEqualTo(v);
            assertThat(UserSessionStateFormatV3.readInstant(in, base)).isEqualTo(v);
            assertThat(UserSessionStateFormatV3.readVarint(in)).isEqualTo(v);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void shouldRejectAnUnknownFormat() {
        assertThatThrownBy(() -> read(new byte[] {9, 0}))
                .hasMessageContaining("unknown user session state format 9");
    }
}
