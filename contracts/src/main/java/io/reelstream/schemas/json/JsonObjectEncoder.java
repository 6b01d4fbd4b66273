package io.reelstream.schemas.json;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Base of the encoders: one JSON object, {@code v} first, optional fields left out when {@code
 * null} (absent and null mean the same to the decoders).
 */
abstract class JsonObjectEncoder<T> implements JsonEncoder<T> {

    private static final long serialVersionUID = 1L;

    @Override
    public final byte[] encode(T value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            writeFields(value, g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory JSON write failed", e);
        }
        return out.toByteArray();
    }

    abstract void writeFields(T value, JsonGenerator g) throws IOException;

    static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    static void optional(JsonGenerator g, String name, Long value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value.longValue());
        }
    }

    static void optional(JsonGenerator g, String name, Integer value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value.intValue());
        }
    }

    static void optional(JsonGenerator g, String name, Enum<?> value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value.name());
        }
    }

    static void textList(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        if (values != null) {
            for (String value : values) {
                g.writeString(value);
            }
        }
        g.writeEndArray();
    }
}
