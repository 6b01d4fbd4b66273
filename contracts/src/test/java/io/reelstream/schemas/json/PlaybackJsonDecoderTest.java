package io.reelstream.schemas.json;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static io.reelstream.schemas.json.ContractFixtures.LIMITS;
import static io.reelstream.schemas.json.ContractFixtures.NOW;
import static io.reelstream.schemas.json.ContractFixtures.assertRejected;
import static io.reelstream.schemas.json.ContractFixtures.decodedOk;
import static io.reelstream.schemas.json.ContractFixtures.edited;
import static io.reelstream.schemas.json.ContractFixtures.playback;
import static io.reelstream.schemas.json.ContractFixtures.raw;
import static io.reelstream.schemas.json.ContractFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class PlaybackJsonDecoderTest {

    private final EventDecoder<PlaybackEvent> decoder = EventCodecs.playbackDecoder(LIMITS);
    private final byte[] valid = EventCodecs.playbackEncoder().encode(playback());

    @Test
    void shouldRoundTripEveryField() {
        assertThat(decodedOk(decoder, raw(valid))).isEqualTo(playback());
        PlaybackEvent seek =
                new PlaybackEvent(
                        1,
                        "e",
                        PlaybackEventType.SEEK,
                        NOW,
                        "u",
                        null,
                        playback().deviceType(),
                        "GB",
                        "t",
                        "pb",
                        10,
                        20,
                        15L);
        assertThat(decodedOk(decoder, raw(EventCodecs.playbackEncoder().encode(seek))))
                .isEqualTo(seek);
    }

    @Test
    void shouldIgnoreUnknownExtraFields() {
        byte[] withExtra = edited(valid, n -> n.put("newField", "from v1.1").putObject("nested"));
        assertThat(decodedOk(decoder, raw(withExtra))).isEqualTo(playback());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "v",
                "eventId",
                "type",
                "eventTime",
                "userId",
                "deviceType",
                "country",
                "titleId",
                "playbackId",
                "positionMs",
                "runtimeMs"
            })
    void shouldRejectMissingRequiredField(String field) {
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.remove(field))),
                RejectReason.MISSING_FIELD,
                field);
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.putNull(field))),
                RejectReason.MISSING_FIELD,
                field);
    }

    @Test
    void shouldAcceptMissingOptionalFields() {
        byte[] minimal = edited(valid, n -> n.remove("profileId"));
        assertThat(decodedOk(decoder, raw(minimal)).profileId()).isNull();
    }

    @Test
    void shouldRejectGarbageAndTruncatedBytes() {
        assertRejected(decoder, raw(utf8("not json at all")), RejectReason.MALFORMED_JSON, "");
        assertRejected(
                decoder,
                raw(Arrays.copyOf(valid, valid.length / 2)),
                RejectReason.MALFORMED_JSON,
                "");
        assertRejected(decoder, raw(utf8("[1,2,3]")), RejectReason.MALFORMED_JSON, "object");
        assertRejected(decoder, raw(new byte[0]), RejectReason.MALFORMED_JSON, "empty");
        assertRejected(decoder, raw(null), RejectReason.MALFORMED_JSON, "empty");
        assertRejected(
                decoder,
                raw(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}),
                RejectReason.MALFORMED_JSON,
                "");
    }

    @Test
    void shouldRejectDuplicateKeysAndTrailingTokens() {
        assertRejected(decoder, raw(utf8("{\"v\":1,\"v\":1}")), RejectReason.MALFORMED_JSON, "");
        byte[] trailing = utf8(new String(valid, java.nio.charset.StandardCharsets.UTF_8) + " {}");
        assertRejected(decoder, raw(trailing), RejectReason.MALFORMED_JSON, "");
    }

    @Test
    void shouldRejectOversizedRecordsBeforeParsing() {
        EventDecoder<PlaybackEvent> small =
                EventCodecs.playbackDecoder(new DecodeLimits(100, 1, 1));
        assertRejected(small, raw(valid), RejectReason.OVERSIZED, "> max 100");
    }

    @Test
    void shouldRejectUnsupportedVersions() {
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("v", 2))),
                RejectReason.UNSUPPORTED_VERSION,
                "v=2");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("v", 0))),
                RejectReason.UNSUPPORTED_VERSION,
                "v=0");
    }

    @Test
    void shouldRejectUnknownEventType() {
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("type", "REWIND"))),
                RejectReason.UNKNOWN_EVENT_TYPE,
                "REWIND");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("type", "start"))),
                RejectReason.UNKNOWN_EVENT_TYPE,
                "start");
    }

    @Test
    void shouldRejectUnknownDeviceType() {
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("deviceType", "FRIDGE"))),
                RejectReason.UNKNOWN_ENUM_VALUE,
                "deviceType");
    }

    @Test
    void shouldRejectImpossibleValues() {
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("positionMs", -1))),
                RejectReason.INVALID_VALUE,
                "positionMs");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("runtimeMs", 0))),
                RejectReason.INVALID_VALUE,
                "runtimeMs");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("runtimeMs", 48 * 3_600_000L))),
                RejectReason.INVALID_VALUE,
                "runtimeMs");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("positionMs", 2_700_000 + 60_001))),
                RejectReason.INVALID_VALUE,
                "positionMs");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("seekFromMs", -5))),
                RejectReason.INVALID_VALUE,
                "seekFromMs");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("positionMs", "600000"))),
                RejectReason.INVALID_VALUE,
                "positionMs");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("positionMs", 1.5))),
                RejectReason.INVALID_VALUE,
                "positionMs");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("eventTime", 12345))),
                RejectReason.INVALID_VALUE,
                "eventTime");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("country", "Germany"))),
                RejectReason.INVALID_VALUE,
                "country");
        assertRejected(
                decoder,
                raw(edited(valid, n -> n.put("userId", "  "))),
                RejectReason.INVALID_VALUE,
                "userId");
    }

    @Test
    void shouldAcceptPositionWithinToleranceOfRuntime() {
        byte[] overshoot = edited(valid, n -> n.put("positionMs", 2_700_000 + 60_000));
        assertThat(decodedOk(decoder, raw(overshoot)).positionMs()).isEqualTo(2_760_000);
    }

    @Test
    void shouldRejectEventTimeBeyondFutureSkew() {
        byte[] justInside = edited(valid, n -> n.put("eventTime", NOW + LIMITS.futureSkewMs()));
        assertThat(decodedOk(decoder, raw(justInside)).eventTime())
                .isEqualTo(NOW + LIMITS.futureSkewMs());
        byte[] beyond = edited(valid, n -> n.put("eventTime", NOW + LIMITS.futureSkewMs() + 1));
        assertRejected(decoder, raw(beyond), RejectReason.FUTURE_EVENT_TIME, "eventTime");
    }
}
