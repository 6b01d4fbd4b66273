package io.reelstream.schemas.json;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.events.QoeEvent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static io.reelstream.schemas.json.ContractFixtures.LIMITS;
import static io.reelstream.schemas.json.ContractFixtures.NOW;
import static io.reelstream.schemas.json.ContractFixtures.assertRejected;
import static io.reelstream.schemas.json.ContractFixtures.decodedOk;
import static io.reelstream.schemas.json.ContractFixtures.edited;
import static io.reelstream.schemas.json.ContractFixtures.qoe;
import static io.reelstream.schemas.json.ContractFixtures.raw;
import static io.reelstream.schemas.json.ContractFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class QoeJsonDecoderTest {

    private final EventDecoder<QoeEvent> decoder = EventCodecs.qoeDecoder(LIMITS);
    private final byte[] valid = EventCodecs.qoeEncoder().encode(qoe());

    @Test
    void shouldRoundTripEveryField() {
        assertThat(decodedOk(decoder, raw(valid))).isEqualTo(qoe());
    }

    @Test
    void shouldDecodeMinimalSampleWithOptionalsAbsent() {
        byte[] minimal =
                edited(
                        valid,
                        n ->
                                n.remove(
                                        Arrays.asList(
                                                "userId",
                                                "titleId",
                                                "bufferMs",
                                                "bitrateKbps",
                                                "throughputKbps",
                                                "isp",
                                                "asn",
                                                "errorCode")));
        QoeEvent decoded = decodedOk(decoder, raw(minimal));
        assertThat(decoded.bufferMs()).isNull();
        assertThat(decoded.bitrateKbps()).isNull();
        assertThat(decoded.cdn()).isEqualTo("cdn-a");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "v",
                "eventId",
                "eventTime",
                "playbackId",
                "state",
                "cdn",
                "deviceType",
                "country"
            })
    void shouldRejectMissingRequiredField(String field) {
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.remove(field))),
                RejectReason.MISSING_FIELD,
                field);
    }

    @Test
    void shouldRejectEachReason() {
        assertRejected(decoder, raw(utf8("{\"v\":1,")), RejectReason.MALFORMED_JSON, "");
        assertRejected(
                EventCodecs.qoeDecoder(new DecodeLimits(10, 1, 1)),
                raw(valid),
                RejectReason.OVERSIZED,
                "");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("v", 9))),
                RejectReason.UNSUPPORTED_VERSION,
                "v=9");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("state", "BUFFERING"))),
                RejectReason.UNKNOWN_ENUM_VALUE,
                "state");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("deviceType", "toaster"))),
                RejectReason.UNKNOWN_ENUM_VALUE,
                "deviceType");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("bufferMs", -1))),
                RejectReason.INVALID_VALUE,
                "bufferMs");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("bitrateKbps", 0))),
                RejectReason.INVALID_VALUE,
                "bitrateKbps");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("bitrateKbps", 5_000_000))),
                RejectReason.INVALID_VALUE,
                "bitrateKbps");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("throughputKbps", -3))),
                RejectReason.INVALID_VALUE,
                "throughputKbps");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("eventTime", NOW + 3_600_000))),
                RejectReason.FUTURE_EVENT_TIME,
                "eventTime");
    }
}
