package io.reelstream.generator;

import io.reelstream.schemas.deadletter.RejectReason;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Damages a valid JSON record in one of the ways real producers do, and says which reject reason a
 * strict decoder must give it: garbage, truncation, a missing field, an unknown type or enum value,
 * an impossible value, a far-future event time, or (catalog) an empty key. The empty key stands for
 * a missing one: a compacted topic refuses records without a key at the broker.
 */
final class Malformer {

    /** Far enough ahead to be beyond any future-skew limit, whenever the records are decoded. */
    static final long FAR_FUTURE_MS = 10L * 365 * 86_400_000L;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    enum Damage {
        GARBAGE,
        TRUNCATED,
        MISSING_FIELD,
        UNKNOWN_TYPE,
        NEGATIVE_VALUE,
        FAR_FUTURE,
        NULL_KEY
    }

    private Malformer() {}

    static GeneratedRecord malform(GeneratedRecord valid, SplittableRandom random) {
        if (valid.kind() == TopicKind.CMCD) {
            byte[] broken =
                    "CMCD=br%3Dabc%2C%2C%3D%22unterminated".getBytes(StandardCharsets.UTF_8);
            return new GeneratedRecord(
                    valid.kind(),
                    valid.key(),
                    broken,
                    valid.eventTime(),
                    RejectReason.MALFORMED_CMCD);
        }
        Damage[] choices = Damage.values();
        int bound = valid.kind() == TopicKind.CATALOG ? choices.length : choices.length - 1;
        Damage damage = choices[random.nextInt(bound)];
        return switch (damage) {
            case GARBAGE -> with(valid, garbage(random), RejectReason.MALFORMED_JSON);
            case TRUNCATED ->
                    with(
                            valid,
                            Arrays.copyOf(valid.value(), valid.value().length / 2),
                            RejectReason.MALFORMED_JSON);
            case MISSING_FIELD ->
                    with(
                            valid,
                            edit(valid.value(), missingField(valid.kind())),
                            RejectReason.MISSING_FIELD);
            case UNKNOWN_TYPE -> unknownType(valid);
            case NEGATIVE_VALUE -> negative(valid);
            case FAR_FUTURE -> farFuture(valid);
            case NULL_KEY ->
                    new GeneratedRecord(
                            valid.kind(),
                            "",
                            valid.value(),
                            valid.eventTime(),
                            RejectReason.NULL_KEY);
        };
    }

    private static GeneratedRecord unknownType(GeneratedRecord valid) {
        return switch (valid.kind()) {
            case PLAYBACK ->
                    with(
                            valid,
                            edit(valid.value(), n -> n.put("type", "REWIND")),
                            RejectReason.UNKNOWN_EVENT_TYPE);
            case QOE ->
                    with(
                            valid,
                            edit(valid.value(), n -> n.put("state", "BUFFERING")),
                            RejectReason.UNKNOWN_ENUM_VALUE);
            case SEARCH ->
                    with(
                            valid,
                            edit(valid.value(), n -> n.put("deviceType", "FRIDGE")),
                            RejectReason.UNKNOWN_ENUM_VALUE);
            default ->
                    with(
                            valid,
                            edit(valid.value(), n -> n.put("kind", "SHORT")),
                            RejectReason.UNKNOWN_ENUM_VALUE);
        };
    }

    private static GeneratedRecord negative(GeneratedRecord valid) {
        String field =
                switch (valid.kind()) {
                    case PLAYBACK -> "positionMs";
                    case QOE -> "bufferMs";
                    case SEARCH -> "resultCount";
                    default -> "runtimeMs";
                };
        return with(
                valid, edit(valid.value(), n -> n.put(field, -1_000)), RejectReason.INVALID_VALUE);
    }

    private static GeneratedRecord farFuture(GeneratedRecord valid) {
        String field = valid.kind() == TopicKind.CATALOG ? "updatedAt" : "eventTime";
        byte[] value =
                edit(valid.value(), n -> n.put(field, n.get(field).longValue() + FAR_FUTURE_MS));
        return with(valid, value, RejectReason.FUTURE_EVENT_TIME);
    }

    private static java.util.function.Consumer<ObjectNode> missingField(TopicKind kind) {
        String field = kind == TopicKind.CATALOG ? "name" : "eventId";
        return n -> n.remove(field);
    }

    private static GeneratedRecord with(GeneratedRecord valid, byte[] value, RejectReason reason) {
        return new GeneratedRecord(valid.kind(), valid.key(), value, valid.eventTime(), reason);
    }

    private static byte[] garbage(SplittableRandom random) {
        byte[] bytes = new byte[8 + random.nextInt(40)];
        random.nextBytes(bytes);
        bytes[0] = 0;
        return bytes;
    }

    private static byte[] edit(byte[] json, java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) MAPPER.readTree(json);
            change.accept(node);
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
