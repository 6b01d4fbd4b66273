package io.reelstream.schemas.json;

import io.reelstream.schemas.deadletter.DeadLetter;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** Writes the {@code dead-letter} contract, version {@link DeadLetter#CURRENT_VERSION}. */
public final class DeadLetterJsonEncoder extends JsonObjectEncoder<DeadLetter> {

    private static final long serialVersionUID = 1L;

    @Override
    void writeFields(DeadLetter d, JsonGenerator g) throws IOException {
        g.writeNumberField("v", DeadLetter.CURRENT_VERSION);
        optional(g, "reason", d.reason());
        optional(g, "detail", d.detail());
        optional(g, "pipeline", d.pipeline());
        optional(g, "sourceTopic", d.sourceTopic());
        g.writeNumberField("sourcePartition", d.sourcePartition());
        g.writeNumberField("sourceOffset", d.sourceOffset());
        g.writeNumberField("sourceTimestamp", d.sourceTimestamp());
        optional(g, "payloadBase64", d.payloadBase64());
        g.writeNumberField("rejectedAt", d.rejectedAt());
    }
}
