package io.reelstream.schemas.json;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.events.SearchEvent;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.reelstream.schemas.json.ContractFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frozen v1 payloads under {@code contracts/v1/}: they were written by hand to the v1 contract and
 * must keep decoding in every later build. Never edit these files; add new versions beside them.
 */
class V1FixturesTest {

    @Test
    void shouldKeepDecodingV1Playback() {
        List<PlaybackEvent> events =
                decodeAll(
                        "playback.jsonl",
                        EventCodecs.playbackDecoder(DecodeLimits.defaults()),
                        false);
        assertThat(events)
                .extracting(PlaybackEvent::type)
                .containsExactly(
                        PlaybackEventType.START,
                        PlaybackEventType.HEARTBEAT,
                        PlaybackEventType.SEEK,
                        PlaybackEventType.COMPLETE);
        assertThat(events.get(2).seekFromMs()).isEqualTo(50_000L);
        assertThat(events.get(1).profileId()).isNull();
    }

    @Test
    void shouldKeepDecodingV1Qoe() {
        List<QoeEvent> events =
                decodeAll("qoe.jsonl", EventCodecs.qoeDecoder(DecodeLimits.defaults()), false);
        assertThat(events)
                .extracting(QoeEvent::state)
                .containsExactly(
                        PlayerState.STARTING, PlayerState.PLAYING, PlayerState.FATAL_ERROR);
        assertThat(events.get(1).bitrateKbps()).isEqualTo(3200);
        assertThat(events.get(2).errorCode()).isEqualTo("E-4001");
    }

    @Test
    void shouldKeepDecodingV1Search() {
        List<SearchEvent> events =
                decodeAll(
                        "search.jsonl", EventCodecs.searchDecoder(DecodeLimits.defaults()), false);
        assertThat(events).extracting(SearchEvent::resultCount).containsExactly(17, 0);
    }

    @Test
    void shouldKeepDecodingV1Catalog() {
        List<CatalogRecord> records =
                decodeAll(
                        "catalog.jsonl", EventCodecs.catalogDecoder(DecodeLimits.defaults()), true);
        assertThat(records).extracting(CatalogRecord::showId).containsExactly("show-3", "m-0001");
    }

    @Test
    void shouldKeepDecodingV1DeadLetters() {
        List<DeadLetter> letters =
                decodeAll(
                        "dead-letter.jsonl",
                        EventCodecs.deadLetterDecoder(DecodeLimits.defaults()),
                        false);
        assertThat(letters)
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
                            assertThat(
                                            new String(
                                                    io.reelstream.schemas.deadletter.DeadLetters
                                                            .payload(d),
                                                    StandardCharsets.UTF_8))
                                    .isEqualTo("{\"v\":1,");
                        });
    }

    private static <T> List<T> decodeAll(
            String file, EventDecoder<T> decoder, boolean keyedByTitleId) {
        List<T> decoded = new ArrayList<>();
        for (String line : lines(file)) {
            byte[] value = line.getBytes(StandardCharsets.UTF_8);
            String key = keyedByTitleId ? titleId(value) : null;
            RawRecord record = ContractFixtures.raw(key, value);
            DecodeResult<T> result = decoder.decode(record, NOW);
            assertThat(result).as(line).isInstanceOf(DecodeResult.Ok.class);
            decoded.add(((DecodeResult.Ok<T>) result).value());
        }
        return decoded;
    }

    private static String titleId(byte[] value) {
        try {
            return Json.MAPPER.readTree(value).get("titleId").textValue();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(String file) {
        try (InputStream in = V1FixturesTest.class.getResourceAsStream("/contracts/v1/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
