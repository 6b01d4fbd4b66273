package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.PlayerState;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Samples cross the network between the decoders and the per-playback operator and wait in keyed
 * state: their Flink type must be a POJO type (no Kryo) that round-trips every field, including
 * nulls and the CMCD signals.
 */
class PlaybackSampleTypeTest {

    @Test
    void aSampleRoundTripsThroughItsFlinkSerializerWithoutKryo() throws Exception {
        TypeInformation<PlaybackSample> type = TypeInformation.of(PlaybackSample.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<PlaybackSample> serializer = type.createSerializer(config);

        PlaybackSample request =
                new PlaybackSample(
                                QoeFixtures.sample("p-1", 1_000, PlayerState.PLAYING, 3_000),
                                QoeFixtures.requestSignals(true, true, 4_000))
                        .withoutState();
        PlaybackSample event =
                new PlaybackSample(
                        QoeFixtures.sample("p-1", 2_000, PlayerState.REBUFFERING, null),
                        QoeFixtures.eventSignals("t", 7L, 1_250L, 3L, 9_000L));
        PlaybackSample telemetry =
                PlaybackSample.telemetry(QoeFixtures.sample("p-1", 3_000, PlayerState.QUIT, null));

        for (PlaybackSample sample : new PlaybackSample[] {request, event, telemetry}) {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serializer.serialize(sample, out);
            PlaybackSample copy =
                    serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(copy).isEqualTo(sample);
        }
    }
}
