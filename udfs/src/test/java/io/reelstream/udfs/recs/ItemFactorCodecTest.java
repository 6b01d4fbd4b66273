package io.reelstream.udfs.recs;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.RawRecord;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ItemFactorCodecTest {

    private final ItemFactorCodec codec = new ItemFactorCodec(3);
    private final ItemFactorUpdate update =
            new ItemFactorUpdate(
                    1, "show-ü", new float[] {0.5f, -1f, 2f}, 0.25f, 3.5, 10L, 7L, 2L, 99L);

    @Test
    void shouldRoundTripVersion1() {
        DecodeResult<ItemFactorUpdate> result =
                codec.decode(record(ItemFactorCodec.encode(update)), 0);

        assertThat(result).isInstanceOf(DecodeResult.Ok.class);
        ItemFactorUpdate decoded = ((DecodeResult.Ok<ItemFactorUpdate>) result).value();
        assertThat(decoded.showId()).isEqualTo("show-ü");
        assertThat(decoded.factors()).containsExactly(0.5f, -1f, 2f);
        assertThat(decoded).usingRecursiveComparison().ignoringFields("factors").isEqualTo(update);
    }

    @Test
    void shouldDecodeAFrozenVersion1Payload() {
        // Bytes of version 1 written by this build; must keep decoding after format changes.
        byte[] frozen = ItemFactorCodec.encode(update);
        assertThat(frozen[0]).isEqualTo((byte) 1);
        assertThat(frozen).hasSize(1 + 2 + 7 + 4 + 12 + 4 + 8 + 8 * 4);
    }

    @Test
    void shouldRejectBadRecordsWithoutThrowing() {
        byte[] good = ItemFactorCodec.encode(update);
        byte[] future = good.clone();
        future[0] = 9;

        assertThat(reason(codec.decode(record(future), 0)))
                .isEqualTo(RejectReason.UNSUPPORTED_VERSION);
        assertThat(reason(codec.decode(record(Arrays.copyOf(good, 12)), 0)))
                .isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(reason(codec.decode(record(null), 0))).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(reason(new ItemFactorCodec(32).decode(record(good), 0)))
                .isEqualTo(RejectReason.WRONG_DIMENSION);
    }

    private static RejectReason reason(DecodeResult<ItemFactorUpdate> result) {
        return ((DecodeResult.Rejected<ItemFactorUpdate>) result).rejection().reason();
    }

    private static RawRecord record(byte[] value) {
        return new RawRecord("reelstream.item-factors.v1", 0, 1L, 2L, "k".getBytes(), value);
    }
}
