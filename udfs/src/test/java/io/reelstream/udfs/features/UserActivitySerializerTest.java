package io.reelstream.udfs.features;

import io.reelstream.schemas.events.DeviceType;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The explicit network serializer of {@link UserActivity}. */
class UserActivitySerializerTest {

    @Test
    void shouldBeWhatFlinkExtractsForTheType() {
        TypeInformation<UserActivity> info = TypeInformation.of(UserActivity.class);

        assertThat(info).isInstanceOf(UserActivityTypeInfo.class);
        assertThat(info.createSerializer(new SerializerConfigImpl()))
                .isSameAs(UserActivitySerializer.INSTANCE);
    }

    @Test
    void shouldRoundTripEveryField() throws Exception {
        UserActivity a = new UserActivity();
        a.userId = "u-1";
        a.eventTime = 1_700_000_000_123L;
        a.eventIdHash = -42L;
        a.kind = ActivityKind.PLAY_COMPLETE;
        a.titleId = "t-9";
        a.playbackId = "p-3";
        a.deviceType = DeviceType.CONSOLE;
        a.positionMs = 61_000;
        a.progressEndMs = 59_000;

        UserActivity copy = roundTrip(a);

        assertThat(copy).isEqualTo(a).isNotSameAs(a);
        assertThat(copy.v).isEqualTo(UserActivity.CURRENT_VERSION);
        assertThat(UserActivitySerializer.INSTANCE.copy(a)).isEqualTo(a).isNotSameAs(a);
    }

    @Test
    void shouldRoundTripASearchWithoutTitlePlaybackOrDevice() throws Exception {
        UserActivity a = new UserActivity();
        a.userId = "u-2";
        a.kind = ActivityKind.SEARCH;

        UserActivity copy = roundTrip(a);

        assertThat(copy).isEqualTo(a);
        assertThat(copy.titleId).isNull();
        assertThat(copy.playbackId).isNull();
        assertThat(copy.deviceType).isNull();
    }

    /** Enums travel by ordinal: new constants go at the end, never in between. */
    @Test
    void shouldKeepTheEnumOrderTheFormatReliesOn() {
        assertThat(Arrays.stream(ActivityKind.values()).map(Enum::name))
                .startsWith("PLAY_START", "PLAY_PROGRESS", "PLAY_COMPLETE", "SEARCH");
        assertThat(Arrays.stream(DeviceType.values()).map(Enum::name))
                .startsWith("TV", "MOBILE", "TABLET", "WEB", "CONSOLE", "STREAMING_STICK");
    }

    private static UserActivity roundTrip(UserActivity a) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        UserActivitySerializer.INSTANCE.serialize(a, out);
        return UserActivitySerializer.INSTANCE.deserialize(
                new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
    }
}
