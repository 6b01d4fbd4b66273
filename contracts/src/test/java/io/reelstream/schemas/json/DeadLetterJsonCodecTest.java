package io.reelstream.schemas.json;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.deadletter.DeadLetters;
import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.deadletter.Rejection;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.decode.RawRecord;

import org.junit.jupiter.api.Test;

import static io.reelstream.schemas.json.ContractFixtures.LIMITS;
import static io.reelstream.schemas.json.ContractFixtures.NOW;
import static io.reelstream.schemas.json.ContractFixtures.assertRejected;
import static io.reelstream.schemas.json.ContractFixtures.decodedOk;
import static io.reelstream.schemas.json.ContractFixtures.edited;
import static io.reelstream.schemas.json.ContractFixtures.raw;
import static io.reelstream.schemas.json.ContractFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterJsonCodecTest {

    private final EventDecoder<DeadLetter> decoder = EventCodecs.deadLetterDecoder(LIMITS);

    @Test
    void shouldRoundTripADeadLetterAndKeepTheOriginalBytes() {
        byte[] original = {0, 1, 2, (byte) 0xff, '{'};
        RawRecord record = new RawRecord("reelstream.playback.v1", 3, 99, NOW - 5, null, original);
        DeadLetter letter =
                DeadLetters.of(
                        record, new Rejection(RejectReason.MALFORMED_JSON, "bad"), "features", NOW);

        DeadLetter decoded =
                decodedOk(decoder, raw(EventCodecs.deadLetterEncoder().encode(letter)));

        assertThat(decoded).isEqualTo(letter);
        assertThat(DeadLetters.payload(decoded)).containsExactly(original);
        assertThat(decoded.sourcePartition()).isEqualTo(3);
        assertThat(decoded.sourceOffset()).isEqualTo(99);
    }

    @Test
    void shouldRoundTripADeadLetterWithoutPayloadOrTopic() {
        DeadLetter letter =
                new DeadLetter(
                        1,
                        RejectReason.WRITE_REJECTED,
                        "",
                        "cassandra",
                        null,
                        -1,
                        -1,
                        -1,
                        null,
                        NOW);
        assertThat(decodedOk(decoder, raw(EventCodecs.deadLetterEncoder().encode(letter))))
                .isEqualTo(letter);
    }

    @Test
    void shouldRejectUnknownReasonAndUnsupportedVersion() {
        DeadLetter letter =
                new DeadLetter(1, RejectReason.OVERSIZED, "x", "p", "t", 0, 0, 0, "AA==", NOW);
        byte[] valid = EventCodecs.deadLetterEncoder().encode(letter);
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("reason", "SOLAR_FLARE"))),
                RejectReason.UNKNOWN_ENUM_VALUE,
                "reason");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("v", 2))),
                RejectReason.UNSUPPORTED_VERSION,
                "v=2");
        assertRejected(decoder, raw(utf8("nope")), RejectReason.MALFORMED_JSON, "");
    }
}
