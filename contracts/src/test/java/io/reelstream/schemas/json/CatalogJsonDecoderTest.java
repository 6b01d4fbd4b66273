package io.reelstream.schemas.json;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.TitleKind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.reelstream.schemas.json.ContractFixtures.LIMITS;
import static io.reelstream.schemas.json.ContractFixtures.NOW;
import static io.reelstream.schemas.json.ContractFixtures.assertRejected;
import static io.reelstream.schemas.json.ContractFixtures.decodedOk;
import static io.reelstream.schemas.json.ContractFixtures.edited;
import static io.reelstream.schemas.json.ContractFixtures.episode;
import static io.reelstream.schemas.json.ContractFixtures.raw;
import static io.reelstream.schemas.json.ContractFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class CatalogJsonDecoderTest {

    private final EventDecoder<CatalogRecord> decoder = EventCodecs.catalogDecoder(LIMITS);
    private final byte[] valid = EventCodecs.catalogEncoder().encode(episode());

    @Test
    void shouldRoundTripEpisodesAndMovies() {
        assertThat(decodedOk(decoder, raw("t-42", valid))).isEqualTo(episode());
        CatalogRecord movie =
                new CatalogRecord(
                        1,
                        "m-1",
                        "Heat",
                        TitleKind.MOVIE,
                        null,
                        null,
                        null,
                        10_200_000,
                        null,
                        List.of("crime"),
                        NOW);
        CatalogRecord decoded =
                decodedOk(decoder, raw("m-1", EventCodecs.catalogEncoder().encode(movie)));
        assertThat(decoded).isEqualTo(movie);
        assertThat(decoded.showId()).isEqualTo("m-1");
    }

    @Test
    void shouldRejectNullOrEmptyKey() {
        assertRejected(decoder, raw(null, valid), RejectReason.NULL_KEY, "key");
        assertRejected(decoder, raw("", valid), RejectReason.NULL_KEY, "key");
    }

    @Test
    void shouldRejectKeyThatDiffersFromTitleId() {
        assertRejected(decoder, raw("t-43", valid), RejectReason.INVALID_VALUE, "key");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "v",
                "titleId",
                "name",
                "kind",
                "runtimeMs",
                "genres",
                "updatedAt",
                "seriesId"
            })
    void shouldRejectMissingRequiredField(String field) {
        assertRejected(
                decoder,
                raw("t-42", edited(valid, n -> n.remove(field))),
                RejectReason.MISSING_FIELD,
                field);
    }

    @Test
    void shouldRejectEachReason() {
        assertRejected(
                decoder,
                raw("t-42", utf8("{\"v\":1,\"titleId\":")),
                RejectReason.MALFORMED_JSON,
                "");
        assertRejected(
                EventCodecs.catalogDecoder(new DecodeLimits(10, 1, 1)),
                raw("t-42", valid),
                RejectReason.OVERSIZED,
                "");
        assertRejected(
                decoder,
                raw("t-42", edited(valid, n -> n.put("v", 3))),
                RejectReason.UNSUPPORTED_VERSION,
                "v=3");
        assertRejected(
                decoder,
                raw("t-42", edited(valid, n -> n.put("kind", "SHORT"))),
                RejectReason.UNKNOWN_ENUM_VALUE,
                "kind");
        assertRejected(
                decoder,
                raw("t-42", edited(valid, n -> n.put("runtimeMs", -1))),
                RejectReason.INVALID_VALUE,
                "runtimeMs");
        assertRejected(
                decoder,
                raw("t-42", edited(valid, n -> n.put("creditsOffsetMs", 3_000_000))),
                RejectReason.INVALID_VALUE,
                "creditsOffsetMs");
        assertRejected(
                decoder,
                raw("t-42", edited(valid, n -> n.put("season", 0))),
                RejectReason.INVALID_VALUE,
                "season");
        assertRejected(
                decoder,
                raw("t-42", edited(valid, n -> n.put("updatedAt", NOW + 3_600_000))),
                RejectReason.FUTURE_EVENT_TIME,
                "updatedAt");
    }
}
