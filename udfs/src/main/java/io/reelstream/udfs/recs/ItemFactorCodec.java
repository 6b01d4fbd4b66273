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
 *
 * <p>Version 2 (written now): version 1's fields, then the co-visitation state {@code f64
 * covisitCount, i64 covisitCountAsOf, u16 m, m × (utf neighbour, f32 similarity)}. Version 1
 * records still decode (no count, no neighbours): a replica topic written by the previous release
 * keeps working until every show is republished.
 *
 * <p>Version 3: version 2's fields, then {@code f64 dayPopularity} (as of {@code popularityAsOf}).
 * Versions 1 and 2 decode with a day popularity of 0.
 *
 * <p>Version 4 (written now): version 3's fields, then the shows members start next after this one
 * {@code u16 m, m × (utf show, f32 probability)}. Versions 1 to 3 decode without them.
 */
public final class ItemFactorCodec implements EventDecoder<ItemFactorUpdate> {

    private static final long serialVersionUID = 1L;

    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    public static final int VERSION_3 = 3;
    public static final int VERSION_4 = 4;
    public static final int CURRENT_VERSION = VERSION_4;

    /** More neighbours than this in one record is bad input (K is far smaller). */
    static final int MAX_NEIGHBOURS = 1_000;

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

    /** The current layout ({@link #VERSION_4}). */
    public static byte[] encode(ItemFactorUpdate update) {
        return encode(update, CURRENT_VERSION);
    }

    /**
     * {@code update} in layout {@code version} (1 drops the co-visitation state, 1 and 2 the day
     * popularity, 1 to 3 the next shows).
     */
    static byte[] encode(ItemFactorUpdate update, int version) {
        String[] neighbours = update.neighbourIds();
        float[] similarities = update.neighbourSimilarities();
        int m = Math.min(Math.min(neighbours.length, similarities.length), MAX_NEIGHBOURS);
        String[] next = update.nextShowIds();
        float[] probabilities = update.nextShowProbabilities();
        int n = Math.min(Math.min(next.length, probabilities.length), MAX_NEIGHBOURS);
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream(64 + 4 * update.factors().length + 24 * (m + n));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
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
            if (version >= VERSION_2) {
                out.writeDouble(update.covisitCount());
                out.writeLong(update.covisitCountAsOf());
                writeRanked(out, neighbours, similarities, m);
            }
            if (version >= VERSION_3) {
                out.writeDouble(update.dayPopularity());
            }
            if (version >= VERSION_4) {
                writeRanked(out, next, probabilities, n);
            }
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
            if (version < VERSION_1 || version > VERSION_4) {
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
            ItemFactorUpdate v1 =
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
            ItemFactorUpdate update = version == VERSION_1 ? v1 : withCovisitation(v1, in);
            if (version >= VERSION_3) {
                double day = in.readDouble();
                update = update.withDayPopularity(Double.isFinite(day) && day > 0 ? day : 0.0);
            }
            if (version >= VERSION_4) {
                int n = readCount(in);
                String[] next = new String[n];
                float[] probabilities = new float[n];
                readRanked(in, next, probabilities);
                update = update.withNextShows(next, probabilities);
            }
            if (in.available() > 0) {
                return DecodeResult.rejected(RejectReason.INVALID_VALUE, "trailing bytes");
            }
            return DecodeResult.ok(update);
        } catch (IOException e) {
            return DecodeResult.rejected(RejectReason.INVALID_VALUE, "truncated: " + e);
        }
    }

    private static ItemFactorUpdate withCovisitation(ItemFactorUpdate v1, DataInputStream in)
            throws IOException {
        double count = in.readDouble();
        long countAsOf = in.readLong();
        int m = readCount(in);
        String[] neighbours = new String[m];
        float[] similarities = new float[m];
        readRanked(in, neighbours, similarities);
        return v1.withCovisitation(
                Double.isFinite(count) && count > 0 ? count : 0.0,
                countAsOf,
                neighbours,
                similarities);
    }

    /** A ranked list: {@code u16 m, m × (utf show, f32 score)}. */
    private static void writeRanked(DataOutputStream out, String[] shows, float[] scores, int m)
            throws IOException {
        out.writeShort(m);
        for (int i = 0; i < m; i++) {
            out.writeUTF(shows[i]);
            out.writeFloat(scores[i]);
        }
    }

    private static int readCount(DataInputStream in) throws IOException {
        int m = in.readUnsignedShort();
        if (m > MAX_NEIGHBOURS) {
            throw new IOException(m + " shows in a list");
        }
        return m;
    }

    private static void readRanked(DataInputStream in, String[] shows, float[] scores)
            throws IOException {
        for (int i = 0; i < shows.length; i++) {
            shows[i] = in.readUTF();
            scores[i] = in.readFloat();
        }
    }
}
