package io.reelstream.udfs.features;

import io.reelstream.schemas.decode.DeadLetter;
import io.reelstream.schemas.decode.RejectReason;

import org.apache.flink.api.common.functions.MapFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns an activity that arrived beyond the allowed lateness into a {@code TOO_LATE} dead letter.
 * The original Kafka bytes are gone after decoding, so the payload is the activity as JSON.
 */
public final class LateActivityDeadLetter implements MapFunction<UserActivity, DeadLetter> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String pipeline;

    public LateActivityDeadLetter(String pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public DeadLetter map(UserActivity a) throws Exception {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("v", a.v);
        json.put("userId", a.userId);
        json.put("eventTime", a.eventTime);
        json.put("kind", String.valueOf(a.kind));
        json.put("titleId", a.titleId);
        json.put("playbackId", a.playbackId);
        json.put("positionMs", a.positionMs);
        byte[] payload = MAPPER.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        return new DeadLetter(
                DeadLetter.CURRENT_VERSION,
                RejectReason.TOO_LATE,
                "event time " + a.eventTime + " is behind watermark minus allowed lateness",
                pipeline,
                null,
                -1,
                -1,
                -1,
                Base64.getEncoder().encodeToString(payload),
                System.currentTimeMillis());
    }
}
