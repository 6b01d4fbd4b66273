package io.reelstream.udfs.ranker;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.RawRecord;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RankerModelCodecTest {

    private final RankerModelCodec codec = new RankerModelCodec();

    @Test
    void roundTripsAModelThatScoresLikeTheOriginal() {
        byte[] model = RankerTestModels.oneSplit(RankerFeatures.NAMES, 3, -1f, 2f);
        RankerModelUpdate update =
                new RankerModelUpdate(1, "gbdt-abc", RankerFeatures.VERSION, model, 1234L);

        DecodeResult<RankerModelUpdate> decoded = decode(RankerModelCodec.encode(update));

        assertThat(decoded).isInstanceOf(DecodeResult.Ok.class);
        RankerModelUpdate back = ((DecodeResult.Ok<RankerModelUpdate>) decoded).value();
        assertThat(back.modelVersion()).isEqualTo("gbdt-abc");
        assertThat(back.publishedAt()).isEqualTo(1234L);
        float[] x = new float[RankerFeatures.COUNT];
        x[3] = 0.7f;
        assertThat(GbdtModel.fromXgboostJson("a", back.modelJson()).score(x, 0))
                .isEqualTo(GbdtModel.fromXgboostJson("b", model).score(x, 0))
                .isEqualTo(2f);
    }

    @Test
    void rejectsWhatTheServingSideCouldNotScore() {
        byte[] otherFeatures = RankerTestModels.oneSplit(List.of("x", "y"), 0, 0f, 1f);
        byte[] good = RankerTestModels.oneSplit(RankerFeatures.NAMES, 0, 0f, 1f);

        assertThat(
                        reason(
                                RankerModelCodec.encode(
                                        new RankerModelUpdate(
                                                1,
                                                "v",
                                                RankerFeatures.VERSION,
                                                otherFeatures,
                                                1L))))
                .isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(
                        reason(
                                RankerModelCodec.encode(
                                        new RankerModelUpdate(
                                                1, "v", RankerFeatures.VERSION + 1, good, 1L))))
                .isEqualTo(RejectReason.UNSUPPORTED_VERSION);
        assertThat(reason("{\"v\": 2}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(RejectReason.UNSUPPORTED_VERSION);
        assertThat(reason("{\"v\": 1, \"model_version\": \"v\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(reason("not json".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(RejectReason.MALFORMED_JSON);
    }

    private DecodeResult<RankerModelUpdate> decode(byte[] value) {
        return codec.decode(new RawRecord("ranker-models", 0, 0L, 0L, null, value), 0L);
    }

    private RejectReason reason(byte[] value) {
        DecodeResult<RankerModelUpdate> result = decode(value);
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        return ((DecodeResult.Rejected<RankerModelUpdate>) result).rejection().reason();
    }
}
