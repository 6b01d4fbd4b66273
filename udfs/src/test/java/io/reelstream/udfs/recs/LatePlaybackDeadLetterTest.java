package io.reelstream.udfs.recs;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.deadletter.DeadLetters;
import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.udfs.ingest.CapturedMetrics;
import io.reelstream.udfs.ingest.DecodeFunction;

import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.reelstream.udfs.recs.RecsFixtures.MINUTE;
import static io.reelstream.udfs.recs.RecsFixtures.T0;
import static io.reelstream.udfs.recs.RecsFixtures.playback;
import static org.assertj.core.api.Assertions.assertThat;

class LatePlaybackDeadLetterTest {

    @Test
    void aTooLatePlaybackEventBecomesATooLateDeadLetterThatReplaysAsTheSameEvent()
            throws Exception {
        PlaybackEvent late =
                playback("p1", PlaybackEventType.HEARTBEAT, T0, 20 * MINUTE, 45 * MINUTE);
        CapturedMetrics metrics = new CapturedMetrics();
        try (OneInputStreamOperatorTestHarness<PlaybackEvent, DeadLetter> harness =
                new OneInputStreamOperatorTestHarness<>(
                        new StreamMap<>(new LatePlaybackDeadLetter("recs", 30 * MINUTE)),
                        metrics.environment())) {
            harness.open();
            harness.processElement(late, late.eventTime());

            List<DeadLetter> letters = harness.extractOutputValues();
            assertThat(letters).hasSize(1);
            DeadLetter letter = letters.get(0);
            assertThat(letter.reason()).isEqualTo(RejectReason.TOO_LATE);
            assertThat(letter.pipeline()).isEqualTo("recs");
            assertThat(letter.detail()).contains("p1").contains(String.valueOf(30 * MINUTE));
            RawRecord replay =
                    new RawRecord("playback", 0, 0, T0, null, DeadLetters.payload(letter));
            assertThat(
                            EventCodecs.playbackDecoder(DecodeLimits.defaults())
                                    .decode(replay, T0 + MINUTE))
                    .isEqualTo(DecodeResult.ok(late));
            assertThat(
                            metrics.count(
                                    DecodeFunction.METRIC_GROUP,
                                    DecodeFunction.deadLetteredCounter(RejectReason.TOO_LATE)))
                    .isEqualTo(1);
        }
    }
}
