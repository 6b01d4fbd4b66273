package io.reelstream.schemas.features;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The feature topic contract v2 (Avro single-object encoding) and its reading of v1 JSON. */
class UserFeatureVectorAvroTest {

    private static final FeatureSetNames NAMES =
            (set, version) -> {
                if (set.equals("s") && version == 4) {
                    return List.of("a", "b");
                }
                throw new IllegalArgumentException("unknown");
            };

    private static UserFeatureVector vector() {
        return new UserFeatureVector(
                "user-é",
                "s",
                4,
                1_767_225_600_000L,
                7,
                new String[] {"a", "b", "genre_share_1h:drama"},
                new double[] {1.5, -1.0, 0.125},
                2);
    }

    @Test
    void shouldRoundTripWithoutCarryingTheFixedNames() {
        UserFeatureVector v = vector();

        byte[] bytes = new UserFeatureVectorAvro().encode(v);
        UserFeatureVector copy = UserFeatureVectorAvro.decode(bytes, NAMES);

        assertThat(copy).isEqualTo(v);
        assertThat(copy.fixedNames).isEqualTo(2);
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("genre_share_1h:drama")
                .doesNotContain("\u0002a");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldBeReadableByAvrosOwnSingleObjectDecoder() throws Exception {
        UserFeatureVectorAvro avro = new UserFeatureVectorAvro();
        avro.encode(vector());
        byte[] bytes = avro.encode(vector());

        GenericRecord r =
                new BinaryMessageDecoder<GenericRecord>(
                                GenericData.get(), UserFeatureVectorAvro.SCHEMA)
                        .decode(bytes);

        assertThat(r.get("userId").toString()).isEqualTo("user-é");
        assertThat(r.get("featureSetVersion")).isEqualTo(4);
        assertThat(r.get("asOf")).isEqualTo(1_767_225_600_000L);
        assertThat(r.get("revision")).isEqualTo(7L);
        assertThat((List<Object>) r.get("values")).containsExactly(1.5, -1.0, 0.125);
        assertThat((List<?>) r.get("extraNames")).hasSize(1);
        // header 10, "user-é" 8, "s" 2, version 1, asOf 6, revision 1, 3 doubles 26, 1 name 23
        assertThat(bytes.length).isEqualTo(10 + 8 + 2 + 1 + 6 + 1 + 26 + 23);
    }

    @Test
    void shouldStillReadVersionOneJsonRecords() {
        UserFeatureVector v = vector();
        v.fixedNames = 0;

        UserFeatureVector copy =
                UserFeatureVectorAvro.decode(new UserFeatureVectorJson().encode(v), NAMES);

        assertThat(copy).isEqualTo(v);
    }

    @Test
    void shouldRejectUnknownSchemasAndFeatureSets() {
        UserFeatureVector unknownSet = vector();
        unknownSet.featureSet = "other";
        byte[] bytes = new UserFeatureVectorAvro().encode(unknownSet);

        assertThatThrownBy(() -> UserFeatureVectorAvro.decode(bytes, NAMES))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserFeatureVectorAvro.decode(new byte[] {1, 2, 3}, NAMES))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserFeatureVectorAvro.decode("{\"v\":99}".getBytes(), NAMES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 99");
    }
}
