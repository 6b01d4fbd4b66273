package io.reelstream.schemas.features;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericArray;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The {@code user-features} Kafka contract v2: Avro single-object encoding of {@code
 * user-feature-vector-v2.avsc} (two marker bytes, the schema's CRC-64-AVRO fingerprint, then the
 * binary record), so every record names its schema and any Avro reader decodes it. Values carry no
 * names: the fixed names belong to the feature set version. The encoder writes the binary directly
 * (no generic records per event); {@link #decode} also reads the v1 JSON records.
 */
public final class UserFeatureVectorAvro {

    /** Contract version of the records this class writes. */
    public static final int CONTRACT_VERSION = 2;

    public static final Schema SCHEMA = loadSchema();
    private static final byte[] HEADER = header(SCHEMA);
    private static final BinaryMessageDecoder<GenericRecord> DECODER =
            new BinaryMessageDecoder<>(GenericData.get(), SCHEMA);

    private BinaryEncoder reusedEncoder;

    /** The record bytes of one vector. */
    public byte[] encode(UserFeatureVector v) {
        int extra = v.names.length - v.fixedNames;
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(HEADER.length + 48 + 9 * v.values.length + 24 * extra);
        out.writeBytes(HEADER);
        try {
            BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, reusedEncoder);
            reusedEncoder = e;
            e.writeString(v.userId);
            e.writeString(v.featureSet);
            e.writeInt(v.featureSetVersion);
            e.writeLong(v.asOf);
            e.writeLong(v.revision);
            e.writeArrayStart();
            e.setItemCount(v.values.length);
            for (double value : v.values) {
                e.startItem();
                e.writeDouble(value);
            }
            e.writeArrayEnd();
            e.writeArrayStart();
            e.setItemCount(extra);
            for (int i = v.fixedNames; i < v.names.length; i++) {
                e.startItem();
                e.writeString(v.names[i]);
            }
            e.writeArrayEnd();
            e.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory Avro write failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a record of any supported contract version: v2 Avro, or v1 JSON (names inline).
     *
     * @throws IllegalArgumentException for a malformed record, an unknown schema or an unknown
     *     feature set version
     */
    public static UserFeatureVector decode(byte[] record, FeatureSetNames featureSets) {
        if (record.length > 0 && record[0] == '{') {
            return UserFeatureVectorJson.decode(record);
        }
        GenericRecord r;
        try {
            r = DECODER.decode(record);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a user-features v2 Avro record", e);
        }
        String featureSet = r.get("featureSet").toString();
        int version = (Integer) r.get("featureSetVersion");
        List<String> fixed = featureSets.fixedNames(featureSet, version);
        @SuppressWarnings("unchecked")
        GenericArray<Double> values = (GenericArray<Double>) r.get("values");
        @SuppressWarnings("unchecked")
        GenericArray<CharSequence> extra = (GenericArray<CharSequence>) r.get("extraNames");
        if (values.size() != fixed.size() + extra.size()) {
            throw new IllegalArgumentException(
                    values.size() + " values for " + (fixed.size() + extra.size()) + " names");
        }
        String[] names = new String[values.size()];
        double[] x = new double[values.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = i < fixed.size() ? fixed.get(i) : extra.get(i - fixed.size()).toString();
            x[i] = values.get(i);
        }
        return new UserFeatureVector(
                r.get("userId").toString(),
                featureSet,
                version,
                (Long) r.get("asOf"),
                (Long) r.get("revision"),
                names,
                x,
                fixed.size());
    }

    private static Schema loadSchema() {
        try (InputStream in =
                UserFeatureVectorAvro.class.getResourceAsStream("user-feature-vector-v2.avsc")) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("user-feature-vector-v2.avsc is missing", e);
        }
    }

    private static byte[] header(Schema schema) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        byte[] header = new byte[10];
        header[0] = (byte) 0xC3;
        header[1] = (byte) 0x01;
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        return header;
    }
}
