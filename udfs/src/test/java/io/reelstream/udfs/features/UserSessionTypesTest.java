package io.reelstream.udfs.features;

import io.reelstream.schemas.features.UserFeatureVector;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every state and record type of the feature job is a Flink POJO (no Kryo, schema evolution),
 * except those with an explicit serializer ({@link UserActivitySerializerTest}).
 */
class UserSessionTypesTest {

    private static final List<Class<?>> TYPES =
            List.of(
                    SliceAccumulator.class,
                    PlaybackCursor.class,
                    UserTimeline.class,
                    UserSession.class,
                    TitleGenres.class,
                    UserFeatureVector.class);

    @Test
    void shouldSerializeEveryTypeWithoutGenericFallback() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        for (Class<?> type : TYPES) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            assertThat(info.createSerializer(config)).as(type.getSimpleName()).isNotNull();
        }
    }

    @Test
    void shouldRoundTripTimelineWithSessions() throws Exception {
        UserTimeline timeline = new UserTimeline();
        timeline.asOf = 42;
        timeline.searchTimes = new long[] {1, 2};
        timeline.searchConverted = new boolean[] {true, false};
        UserSession session = new UserSession(10, 20);
        session.titleIds.add("t1");
        timeline.sessions.add(session);

        UserTimeline copy = roundTrip(UserTimeline.class, timeline);

        assertThat(copy.asOf).isEqualTo(42);
        assertThat(copy.searchConverted).containsExactly(true, false);
        assertThat(copy.sessions).hasSize(1);
        assertThat(copy.sessions.get(0).titleIds).containsExactly("t1");
        assertThat(copy.v).isEqualTo(UserTimeline.CURRENT_VERSION);
    }

    @Test
    void shouldRoundTripSlice() throws Exception {
        SliceAccumulator slice = new SliceAccumulator();
        slice.addWatch("t1", io.reelstream.schemas.events.DeviceType.TV, 5000);
        slice.addSearch();

        assertThat(roundTrip(SliceAccumulator.class, slice)).isEqualTo(slice);
    }

    private static <T> T roundTrip(Class<T> type, T value) throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
