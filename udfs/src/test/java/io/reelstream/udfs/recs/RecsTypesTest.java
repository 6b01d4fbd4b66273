package io.reelstream.udfs.recs;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecsTypesTest {

    private static final List<Class<?>> TYPES =
            List.of(
                    TitleInteraction.class,
                    Interaction.class,
                    ItemGradient.class,
                    ItemFactorUpdate.class,
                    UserFactorsRow.class,
                    Recommendations.class,
                    PlaybackEngagement.class,
                    UserModelState.class,
                    ItemModelState.class,
                    CovisitMessage.class,
                    CovisitWindowState.class,
                    TitleCovisitState.class,
                    SimilarTitles.class,
                    CandidateSet.class);

    @Test
    void shouldBePojoTypesWithoutGenericFallback() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        for (Class<?> type : TYPES) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            assertThat(info.createSerializer(config)).as(type.getSimpleName()).isNotNull();
        }
    }

    @Test
    void shouldRoundTripMemberStateWithArrays() throws Exception {
        UserModelState state =
                new UserModelState(
                        UserModelState.CURRENT_VERSION,
                        new float[] {0.5f, -1f},
                        new String[] {"s1", "s2"},
                        2,
                        10L,
                        0L,
                        123L,
                        "s2");
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<UserModelState> serializer =
                TypeInformation.of(UserModelState.class).createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(state, out);

        UserModelState copy =
                serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(copy.factors()).containsExactly(0.5f, -1f);
        assertThat(copy.history()).containsExactly("s1", "s2");
        assertThat(copy.positives()).isEqualTo(2);
        assertThat(copy.lastEventAt()).isEqualTo(123L);
        assertThat(copy.v()).isEqualTo(UserModelState.CURRENT_VERSION);
    }
}
