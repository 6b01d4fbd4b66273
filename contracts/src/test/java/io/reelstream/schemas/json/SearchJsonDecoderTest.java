package io.reelstream.schemas.json;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.events.SearchEvent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.reelstream.schemas.json.ContractFixtures.LIMITS;
import static io.reelstream.schemas.json.ContractFixtures.NOW;
import static io.reelstream.schemas.json.ContractFixtures.assertRejected;
import static io.reelstream.schemas.json.ContractFixtures.decodedOk;
import static io.reelstream.schemas.json.ContractFixtures.edited;
import static io.reelstream.schemas.json.ContractFixtures.raw;
import static io.reelstream.schemas.json.ContractFixtures.search;
import static io.reelstream.schemas.json.ContractFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class SearchJsonDecoderTest {

    private final EventDecoder<SearchEvent> decoder = EventCodecs.searchDecoder(LIMITS);
    private final byte[] valid = EventCodecs.searchEncoder().encode(search());

    @Test
    void shouldRoundTripEveryField() {
        assertThat(decodedOk(decoder, raw(valid))).isEqualTo(search());
    }

    @Test
    void shouldAcceptSearchWithoutResults() {
        byte[] none =
                edited(
                        valid,
                        n -> {
                            n.put("resultCount", 0);
                            n.putArray("resultTitleIds");
                        });
        assertThat(decodedOk(decoder, raw(none)).resultTitleIds()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "v",
                "eventId",
                "eventTime",
                "userId",
                "deviceType",
                "country",
                "query",
                "resultCount",
                "resultTitleIds"
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
        assertRejected(decoder, raw(utf8("{{{")), RejectReason.MALFORMED_JSON, "");
        assertRejected(
                EventCodecs.searchDecoder(new DecodeLimits(10, 1, 1)),
                raw(valid),
                RejectReason.OVERSIZED,
                "");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("v", 2))),
                RejectReason.UNSUPPORTED_VERSION,
                "v=2");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("deviceType", "PHONE"))),
                RejectReason.UNKNOWN_ENUM_VALUE,
                "deviceType");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("resultCount", -1))),
                RejectReason.INVALID_VALUE,
                "resultCount");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("resultCount", 2))),
                RejectReason.INVALID_VALUE,
                "resultTitleIds");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("resultTitleIds", "t-1"))),
                RejectReason.INVALID_VALUE,
                "resultTitleIds");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.putArray("resultTitleIds").add(3))),
                RejectReason.INVALID_VALUE,
                "resultTitleIds");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("query", "x".repeat(1_001)))),
                RejectReason.INVALID_VALUE,
                "query");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("eventTime", NOW + 600_000))),
                RejectReason.FUTURE_EVENT_TIME,
                "eventTime");
    }
}
