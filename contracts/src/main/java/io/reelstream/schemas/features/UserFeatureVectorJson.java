package io.reelstream.schemas.features;

import io.reelstream.schemas.json.JsonEncoder;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code user-features} Kafka contract v1, written before v2 ({@link UserFeatureVectorAvro}):
 * {@code {"v":1,"userId":..,"featureSet":..,"featureSetVersion":..,"asOf":..,"revision":..,
 * "names":[..],"values":[..]}}. Kept so records still on the topic decode; the encoder only writes
 * such records for tests.
 */
public final class UserFeatureVectorJson implements JsonEncoder<UserFeatureVector> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    @Override
    public byte[] encode(UserFeatureVector vector) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", 1);
            g.writeStringField("userId", vector.userId);
            g.writeStringField("featureSet", vector.featureSet);
            g.writeNumberField("featureSetVersion", vector.featureSetVersion);
            g.writeNumberField("asOf", vector.asOf);
            g.writeNumberField("revision", vector.revision);
            g.writeArrayFieldStart("names");
            for (String name : vector.names) {
                g.writeString(name);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("values");
            for (double value : vector.values) {
                g.writeNumber(value);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory JSON write failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a vector of any supported contract version.
     *
     * @throws IllegalArgumentException for malformed JSON or an unknown version
     */
    public static UserFeatureVector decode(byte[] json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed user-features JSON", e);
        }
        int v = node.path("v").asInt(-1);
        if (v != 1) {
            throw new IllegalArgumentException("unsupported user-features version " + v);
        }
        JsonNode names = node.path("names");
        JsonNode values = node.path("values");
        if (names.size() != values.size()) {
            throw new IllegalArgumentException("names and values differ in length");
        }
        String[] n = new String[names.size()];
        double[] x = new double[values.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = names.get(i).asText();
            x[i] = values.get(i).asDouble();
        }
        return new UserFeatureVector(
                node.path("userId").asText(),
                node.path("featureSet").asText(),
                node.path("featureSetVersion").asInt(),
                node.path("asOf").asLong(),
                node.path("revision").asLong(),
                n,
                x);
    }
}
