package io.reelstream.schemas.json;

import io.reelstream.schemas.deadletter.RejectReason;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Typed, checked access to the fields of one JSON object. Absent or {@code null} required fields
 * are MISSING_FIELD, wrong JSON types and blank text are INVALID_VALUE, enum values outside the set
 * are UNKNOWN_ENUM_VALUE. Unknown extra fields are ignored (forward compatible).
 */
final class JsonFields {

    private static final int MAX_LIST_SIZE = 10_000;

    private final JsonNode object;

    JsonFields(JsonNode object) {
        this.object = object;
    }

    static RejectedInput reject(RejectReason reason, String detail) {
        return new RejectedInput(reason, detail);
    }

    boolean has(String name) {
        JsonNode node = object.get(name);
        return node != null && !node.isNull();
    }

    String text(String name) {
        String value = optionalText(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    String optionalText(String name) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw reject(RejectReason.INVALID_VALUE, name + ": expected a string");
        }
        String value = node.textValue();
        if (value.isBlank()) {
            throw reject(RejectReason.INVALID_VALUE, name + ": must not be blank");
        }
        return value;
    }

    /** A present string field taken as is, blank allowed. */
    String rawText(String name) {
        JsonNode node = object.get(name);
        if (node == null || !node.isTextual()) {
            throw reject(RejectReason.INVALID_VALUE, name + ": expected a string");
        }
        return node.textValue();
    }

    long longValue(String name) {
        Long value = optionalLong(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    Long optionalLong(String name) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw reject(RejectReason.INVALID_VALUE, name + ": expected an integer, got " + node);
        }
        return node.longValue();
    }

    int intValue(String name) {
        Integer value = optionalInt(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    Integer optionalInt(String name) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw reject(
                    RejectReason.INVALID_VALUE, name + ": expected a 32-bit integer, got " + node);
        }
        return node.intValue();
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        return enumValue(name, type, RejectReason.UNKNOWN_ENUM_VALUE);
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type, RejectReason unknown) {
        String text = text(name);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw reject(unknown, name + ": unknown value " + quoted(text));
    }

    /** A required array of non-blank strings (may be empty). */
    List<String> textList(String name) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            throw missing(name);
        }
        if (!node.isArray()) {
            throw reject(RejectReason.INVALID_VALUE, name + ": expected an array");
        }
        if (node.size() > MAX_LIST_SIZE) {
            throw reject(RejectReason.INVALID_VALUE, name + ": more than " + MAX_LIST_SIZE);
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            if (!element.isTextual() || element.textValue().isBlank()) {
                throw reject(
                        RejectReason.INVALID_VALUE, name + ": elements must be non-blank strings");
            }
            values.add(element.textValue());
        }
        return Collections.unmodifiableList(values);
    }

    static RejectedInput missing(String name) {
        return reject(RejectReason.MISSING_FIELD, name);
    }

    private static String quoted(String text) {
        String shortened = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return "'" + shortened + "'";
    }
}
