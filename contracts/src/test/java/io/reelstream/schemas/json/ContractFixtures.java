package io.reelstream.schemas.json;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.events.SearchEvent;
import io.reelstream.schemas.events.TitleKind;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Named instants, valid events of every contract and helpers to damage their JSON. */
final class ContractFixtures {

    /** 2026-01-01T00:00:00Z. */
    static final long NOW = 1_767_225_600_000L;

    static final DecodeLimits LIMITS = DecodeLimits.defaults();

    private ContractFixtures() {}

    static PlaybackEvent playback() {
        return new PlaybackEvent(
                1,
                "ev-1",
                PlaybackEventType.HEARTBEAT,
                NOW - 1_000,
                "u-1",
                "p-1",
                DeviceType.TV,
                "DE",
                "t-42",
                "pb-7",
                600_000,
                2_700_000,
                null);
    }

    static QoeEvent qoe() {
        return new QoeEvent(
                1,
                "q-1",
                NOW - 500,
                "pb-7",
                "u-1",
                "t-42",
                PlayerState.PLAYING,
                21_300L,
                3_200,
                25_400,
                "cdn-a",
                "isp-x",
                64_512,
                DeviceType.MOBILE,
                "US",
                null);
    }

    static SearchEvent search() {
        return new SearchEvent(
                1,
                "s-1",
                NOW - 2_000,
                "u-1",
                DeviceType.WEB,
                "FR",
                "space opera",
                17,
                List.of("t-1", "t-2", "t-3"));
    }

    static CatalogRecord episode() {
        return new CatalogRecord(
                1,
                "t-42",
                "Pilot",
                TitleKind.EPISODE,
                "show-9",
                1,
                1,
                2_700_000,
                2_580_000L,
                List.of("sci-fi", "drama"),
                NOW - 86_400_000L);
    }

    static RawRecord raw(byte[] value) {
        return raw(null, value);
    }

    static RawRecord raw(String key, byte[] value) {
        return new RawRecord(
                "topic",
                0,
                42,
                NOW,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON of {@code valid} with {@code change} applied to its top-level object. */
    static byte[] edited(byte[] valid, Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) Json.MAPPER.readTree(valid);
            change.accept(node);
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T decodedOk(EventDecoder<T> decoder, RawRecord record) {
        DecodeResult<T> result = decoder.decode(record, NOW);
        assertThat(result).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok<T>) result).value();
    }

    static <T> void assertRejected(
            EventDecoder<T> decoder, RawRecord record, RejectReason reason, String detailPart) {
        DecodeResult<T> result = decoder.decode(record, NOW);
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        DecodeResult.Rejected<T> rejected = (DecodeResult.Rejected<T>) result;
        assertThat(rejected.rejection().reason()).isEqualTo(reason);
        assertThat(rejected.rejection().detail()).contains(detailPart);
    }
}
