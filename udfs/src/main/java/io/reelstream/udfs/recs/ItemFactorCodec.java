package io.reelstream.udfs.recs;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.decode.RawRecord;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The wire format of the compacted item-factor topic (the user side's replica): a version byte,
 * then the fields of {@link ItemFactorUpdate} in binary (factors as raw floats; compact and exact).
 * The key is the show id. Decoding never throws: bad records become dead letters.
 *
 * <p>Version 1: {@code u8 v, utf showId, i32 k, f32[k] factors, f32 bias, f64 popularity, i64
 * popularityAsOf, i64 interactions, i64 modelVersion, i64 updatedAt}.
 */
public final class ItemFactorCodec implements EventDecoder<ItemFactorUpdate> {

    private static final long serialVersionUID = 1L;

    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    private final int dimension;

    /**
     * @param dimension the model's k: updates of another dimension are rejected
     */
    public ItemFactorCodec(int dimension) {
        this.dimension = dimension;
    }

    public static byte[] key(ItemFactorUpdate update) {
        return update.showId().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] encode(ItemFactorUpdate update) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 4 * update.factors().length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(CURRENT_VERSION);
            out.writeUTF(update.showId());
            out.writeInt(update.factors().length);
            for (float f : update.factors()) {
                out.writeFloat(f);
            }
            out.writeFloat(update.bias());
            out.writeDouble(update.popularity());
            out.writeLong(update.popularityAsOf());
            out.writeLong(update.interactions());
            out.writeLong(update.modelVersion());
            out.writeLong(update.updatedAt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public DecodeResult<ItemFactorUpdate> decode(RawRecord record, long nowMillis) {
        if (record.value() == null || record.value().length == 0) {
            return DecodeResult.rejected(RejectReason.MISSING_FIELD, "empty item-factor record");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record.value()))) {
            int version = in.readUnsignedByte();
            if (version != VERSION_1) {
                return DecodeResult.rejected(
                        RejectReason.UNSUPPORTED_VERSION, "item-factor version " + version);
            }
            String showId = in.readUTF();
            int k = in.readInt();
            if (k != dimension) {
                return DecodeResult.rejected(
                        RejectReason.WRONG_DIMENSION,
                        "factors of "
                                + showId
                                + " have dimension "
                                + k
                                + ", model has "
                                + dimension);
            }
            float[] factors = new float[k];
            for (int f = 0; f < k; f++) {
                factors[f] = in.readFloat();
            }
            ItemFactorUpdate update =
                    new ItemFactorUpdate(
                            version,
                            showId,
                            factors,
                            in.readFloat(),
                            in.readDouble(),
                            in.readLong(),
                            in.readLong(),
                            in.readLong(),
                            in.readLong());
            if (in.available() > 0) {
                return DecodeResult.rejected(RejectReason.INVALID_VALUE, "trailing bytes");
            }
            return DecodeResult.ok(update);
        } catch (IOException e) {
            return DecodeResult.rejected(RejectReason.INVALID_VALUE, "truncated: " + e);
        }
    }
}
