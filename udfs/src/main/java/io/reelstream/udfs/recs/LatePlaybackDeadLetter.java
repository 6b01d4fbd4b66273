package io.reelstream.udfs.recs;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.schemas.json.JsonEncoder;
import io.reelstream.udfs.ingest.DecodeFunction;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

import java.util.Base64;

/**
 * Turns a playback event that {@link PlaybackEngagementFunction} judged beyond the allowed lateness
 * into a {@code TOO_LATE} dead letter. The payload is the event as contract JSON, so it can be
 * inspected and replayed like the original record. Moves {@code reelstream.deadLettered_TOO_LATE},
 * the per-reason counter every dead letter moves.
 */
public final class LatePlaybackDeadLetter extends RichMapFunction<PlaybackEvent, DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final String pipeline;
    private final long allowedLatenessMs;
    private transient JsonEncoder<PlaybackEvent> encoder;
    private transient Counter tooLate;

    public LatePlaybackDeadLetter(String pipeline, long allowedLatenessMs) {
        this.pipeline = pipeline;
        this.allowedLatenessMs = allowedLatenessMs;
    }

    @Override
    public void open(OpenContext openContext) {
        encoder = EventCodecs.playbackEncoder();
        tooLate =
                DecodeFunction.deadLetteredCounter(
                        getRuntimeContext().getMetricGroup(), RejectReason.TOO_LATE);
    }

    @Override
    public DeadLetter map(PlaybackEvent event) {
        tooLate.inc();
        return new DeadLetter(
                DeadLetter.CURRENT_VERSION,
                RejectReason.TOO_LATE,
                "event time "
                        + event.eventTime()
                        + " of playback "
                        + event.playbackId()
                        + " is more than the playback timeout ("
                        + allowedLatenessMs
                        + " ms) behind the watermark",
                pipeline,
                null,
                -1,
                -1,
                -1,
                Base64.getEncoder().encodeToString(encoder.encode(event)),
                System.currentTimeMillis());
    }
}
