package io.reelstream.schemas.json;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.deadletter.RejectReason;

/**
 * Reads the {@code dead-letter} contract back (CLI inspection, replay, tests). A reason this build
 * does not know is UNKNOWN_ENUM_VALUE; {@code detail} may be empty.
 */
public final class DeadLetterJsonDecoder extends JsonEventDecoder<DeadLetter> {

    private static final long serialVersionUID = 1L;

    public DeadLetterJsonDecoder(DecodeLimits limits) {
        super(limits, false);
    }

    @Override
    DeadLetter read(int version, JsonFields fields, String key, long nowMillis) {
        return switch (version) {
            case 1 -> readV1(fields);
            default -> throw unsupported(version);
        };
    }

    private static DeadLetter readV1(JsonFields f) {
        return new DeadLetter(
                1,
                f.enumValue("reason", RejectReason.class),
                f.has("detail") ? f.rawText("detail") : null,
                f.text("pipeline"),
                f.optionalText("sourceTopic"),
                f.intValue("sourcePartition"),
                f.longValue("sourceOffset"),
                f.longValue("sourceTimestamp"),
                f.has("payloadBase64") ? f.rawText("payloadBase64") : null,
                f.longValue("rejectedAt"));
    }
}
