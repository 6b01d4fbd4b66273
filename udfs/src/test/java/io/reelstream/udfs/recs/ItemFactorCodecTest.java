package io.reelstream.udfs.recs;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.RawRecord;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

class ItemFactorCodecTest {

    private final ItemFactorCodec codec = new ItemFactorCodec(3);
    private final ItemFactorUpdate update =
            new ItemFactorUpdate(
                    1, "show-ü", new float[] {0.5f, -1f, 2f}, 0.25f, 3.5, 10L, 7L, 2L, 99L);

    @Test
    void shouldRoundTripTheCurrentVersion() {
        DecodeResult<ItemFactorUpdate> result =
                codec.decode(record(ItemFactorCodec.encode(update)), 0);

        assertThat(result).isInstanceOf(DecodeResult.Ok.class);
        ItemFactorUpdate decoded = ((DecodeResult.Ok<ItemFactorUpdate>) result).value();
        assertThat(decoded.showId()).isEqualTo("show-ü");
        assertThat(decoded.factors()).containsExactly(0.5f, -1f, 2f);
        assertThat(decoded.v()).isEqualTo(ItemFactorCodec.CURRENT_VERSION);
        assertThat(decoded)
                .usingRecursiveComparison()
                .ignoringFields("v", "factors", "neighbours", "similarities")
                .isEqualTo(update);
    }

    @Test
    void shouldDecodeAFrozenVersion1Payload() {
        // Version 1 as the previous release wrote it: no co-visitation after updatedAt.
        byte[] frozen =
                HexFormat.of()
                        .parseHex(
                                "01000773686f772dc3bc000000033f000000bf800000"
                                        + "400000003e800000400c000000000000"
                                        + "000000000000000a0000000000000007"
                                        + "00000000000000020000000000000063");

        ItemFactorUpdate decoded = ok(codec.decode(record(frozen), 0));

        assertThat(decoded.v()).isEqualTo(ItemFactorUpdate.VERSION_1);
        assertThat(decoded.factors()).containsExactly(0.5f, -1f, 2f);
        assertThat(decoded)
                .usingRecursiveComparison()
                .ignoringFields("factors", "neighbours", "similarities")
                .isEqualTo(update);
        assertThat(decoded.neighbourIds()).isEmpty();
        assertThat(decoded.hasCovisitCount()).isFalse();
        assertThat(ItemFactorCodec.encode(update, ItemFactorCodec.VERSION_1)).isEqualTo(frozen);
    }

    @Test
    void shouldRoundTripVersion2WithCovisitation() {
        ItemFactorUpdate withNeighbours =
                update.withCovisitation(
                        4.25, 1_234L, new String[] {"a", "b-ü"}, new float[] {0.75f, 0.5f});

        byte[] bytes = ItemFactorCodec.encode(withNeighbours, ItemFactorCodec.VERSION_2);
        ItemFactorUpdate decoded = ok(codec.decode(record(bytes), 0));

        assertThat(bytes[0]).isEqualTo((byte) ItemFactorCodec.VERSION_2);
        assertThat(decoded.dayPopularity()).isZero();
        assertThat(decoded.v()).isEqualTo(2);
        assertThat(decoded.covisitCount()).isEqualTo(4.25);
        assertThat(decoded.covisitCountAsOf()).isEqualTo(1_234L);
        assertThat(decoded.neighbours()).containsExactly("a", "b-ü");
        assertThat(decoded.similarities()).containsExactly(0.75f, 0.5f);
        assertThat(decoded.hasCovisitCount()).isTrue();
        // an update without co-visitation still encodes in the current version, with none
        ItemFactorUpdate none = ok(codec.decode(record(ItemFactorCodec.encode(update)), 0));
        assertThat(none.neighbours()).isEmpty();
        assertThat(none.covisitCountAsOf()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldRoundTripVersion3WithTheDayPopularity() {
        ItemFactorUpdate withDay =
                update.withCovisitation(4.25, 1_234L, new String[] {"a"}, new float[] {0.75f})
                        .withDayPopularity(6.125);

        byte[] bytes = ItemFactorCodec.encode(withDay, ItemFactorCodec.VERSION_3);
        ItemFactorUpdate decoded = ok(codec.decode(record(bytes), 0));

        assertThat(bytes[0]).isEqualTo((byte) ItemFactorCodec.VERSION_3);
        assertThat(decoded.dayPopularity()).isEqualTo(6.125);
        assertThat(decoded.neighbours()).containsExactly("a");
        assertThat(decoded.nextShowIds()).isEmpty();
        assertThat(reason(codec.decode(record(Arrays.copyOf(bytes, bytes.length - 3)), 0)))
                .isEqualTo(RejectReason.INVALID_VALUE);
    }

    @Test
    void shouldRoundTripVersion4WithTheNextShows() {
        ItemFactorUpdate withNext =
                update.withCovisitation(4.25, 1_234L, new String[] {"a"}, new float[] {0.75f})
                        .withDayPopularity(6.125)
                        .withNextShows(new String[] {"sequel-ü", "b"}, new float[] {0.5f, 0.25f});

        byte[] bytes = ItemFactorCodec.encode(withNext);
        ItemFactorUpdate decoded = ok(codec.decode(record(bytes), 0));

        assertThat(bytes[0]).isEqualTo((byte) ItemFactorCodec.VERSION_4);
        assertThat(decoded.nextShowIds()).containsExactly("sequel-ü", "b");
        assertThat(decoded.nextShowProbabilities()).containsExactly(0.5f, 0.25f);
        assertThat(decoded.dayPopularity()).isEqualTo(6.125);
        assertThat(decoded.neighbours()).containsExactly("a");
        assertThat(reason(codec.decode(record(Arrays.copyOf(bytes, bytes.length - 3)), 0)))
                .isEqualTo(RejectReason.INVALID_VALUE);
        byte[] oversized = Arrays.copyOf(bytes, bytes.length);
        int countAt = bytes.length - (2 + 2 + "sequel-ü".getBytes(UTF_8).length + 4 + 2 + 1 + 4);
        oversized[countAt] = (byte) 0xff;
        assertThat(reason(codec.decode(record(oversized), 0)))
                .isEqualTo(RejectReason.INVALID_VALUE);
    }

    @Test
    void shouldRejectATruncatedOrOversizedNeighbourList() {
        ItemFactorUpdate withNeighbours =
                update.withCovisitation(4.25, 1_234L, new String[] {"a"}, new float[] {0.75f});
        byte[] bytes = ItemFactorCodec.encode(withNeighbours, ItemFactorCodec.VERSION_2);
        byte[] oversized = Arrays.copyOf(bytes, bytes.length);
        int countAt = bytes.length - 2 - 1 - 4 - 2; // u16 m before (utf "a", f32)
        oversized[countAt] = (byte) 0xff;

        assertThat(reason(codec.decode(record(Arrays.copyOf(bytes, bytes.length - 2)), 0)))
                .isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(reason(codec.decode(record(oversized), 0)))
                .isEqualTo(RejectReason.INVALID_VALUE);
    }

    private static ItemFactorUpdate ok(DecodeResult<ItemFactorUpdate> result) {
        assertThat(result).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok<ItemFactorUpdate>) result).value();
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
