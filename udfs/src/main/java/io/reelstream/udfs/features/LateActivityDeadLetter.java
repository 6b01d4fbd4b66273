package io.reelstream.udfs.features;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.udfs.ingest.DecodeFunction;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns an activity that arrived beyond the allowed lateness into a {@code TOO_LATE} dead letter.
 * The original Kafka bytes are gone after decoding, so the payload is the activity as JSON. Moves
 * {@code reelstream.deadLettered_TOO_LATE}, the same per-reason counter name {@link DecodeFunction}
 * uses for the reasons it judges, so one query over {@code deadLettered_*} sees every dead letter.
 */
public final class LateActivityDeadLetter extends RichMapFunction<UserActivity, DeadLetter> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String pipeline;
    private transient Counter tooLate;

    public LateActivityDeadLetter(String pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void open(OpenContext openContext) {
        tooLate =
                DecodeFunction.deadLetteredCounter(
                        getRuntimeContext().getMetricGroup(), RejectReason.TOO_LATE);
    }

    @Override
    public DeadLetter map(UserActivity a) throws Exception {
        tooLate.inc();
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
