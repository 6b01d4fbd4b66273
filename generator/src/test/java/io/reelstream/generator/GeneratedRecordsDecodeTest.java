package io.reelstream.generator;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;

import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.reelstream.generator.GeneratorFixtures.raw;
import static io.reelstream.generator.GeneratorFixtures.small;
import static io.reelstream.generator.GeneratorFixtures.take;
import static org.assertj.core.api.Assertions.assertThat;

class GeneratedRecordsDecodeTest {

    private static final DecodeLimits LIMITS = DecodeLimits.defaults();

    @Test
    void shouldProduceOnlyDecodableValidRecordsAndRejectEveryMalformedOneAsExpected() {
        List<GeneratedRecord> records = take(small().malformedShare(0.03).build(), 40_000);
        long now = GeneratorFixtures.nowAfter(records);
        Map<TopicKind, Set<RejectReason>> reasonsSeen = new EnumMap<>(TopicKind.class);
        int valid = 0;
        for (GeneratedRecord record : records) {
            if (record.kind() == TopicKind.CMCD) {
                continue;
            }
            DecodeResult<?> result = decoder(record.kind()).decode(raw(record), now);
            if (record.isValid()) {
                assertThat(result)
                        .as(new String(record.value(), StandardCharsets.UTF_8))
                        .isInstanceOf(DecodeResult.Ok.class);
                valid++;
            } else {
                assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
                assertThat(((DecodeResult.Rejected<?>) result).rejection().reason())
                        .isEqualTo(record.expectedRejection());
                reasonsSeen
                        .computeIfAbsent(record.kind(), k -> EnumSet.noneOf(RejectReason.class))
                        .add(record.expectedRejection());
            }
        }
        assertThat(valid).isGreaterThan(30_000);
        Set<RejectReason> expected =
                EnumSet.of(
                        RejectReason.MALFORMED_JSON,
                        RejectReason.MISSING_FIELD,
                        RejectReason.INVALID_VALUE,
                        RejectReason.FUTURE_EVENT_TIME);
        assertThat(reasonsSeen.get(TopicKind.PLAYBACK))
                .containsAll(expected)
                .contains(RejectReason.UNKNOWN_EVENT_TYPE);
        assertThat(reasonsSeen.get(TopicKind.QOE))
                .containsAll(expected)
                .contains(RejectReason.UNKNOWN_ENUM_VALUE);
        assertThat(reasonsSeen.get(TopicKind.CATALOG)).isNotEmpty();
    }

    @Test
    void shouldShareOnlyTheConfiguredPartMalformed() {
        List<GeneratedRecord> records = take(small().malformedShare(0.02).build(), 40_000);
        long events = records.stream().filter(r -> r.kind() != TopicKind.CATALOG).count();
        long malformed =
                records.stream().filter(r -> r.kind() != TopicKind.CATALOG && !r.isValid()).count();
        assertThat((double) malformed / events).isBetween(0.01, 0.03);
        assertThat(take(small().malformedShare(0).build(), 10_000))
                .allSatisfy(r -> assertThat(r.isValid()).isTrue());
    }

    @Test
    void shouldWriteCmcdInQueryForm() {
        List<GeneratedRecord> cmcd =
                take(small().malformedShare(0).cmcdShare(0.5).build(), 20_000).stream()
                        .filter(r -> r.kind() == TopicKind.CMCD)
                        .toList();
        assertThat(cmcd).isNotEmpty();
        assertThat(cmcd)
                .allSatisfy(
                        r -> {
                            String text = new String(r.value(), StandardCharsets.UTF_8);
                            assertThat(text).startsWith("CMCD=");
                            String decoded =
                                    URLDecoder.decode(text.substring(5), StandardCharsets.UTF_8);
                            assertThat(decoded)
                                    .matches(
                                            "([a-z]+(=(\"[^\"]*\"|[a-z0-9]+))?)(,[a-z]+(=(\"[^\"]*\"|[a-z0-9]+))?)*");
                            assertThat(decoded)
                                    .contains("sid=\"" + r.key() + "\"")
                                    .contains("ot=v");
                        });
        assertThat(cmcd)
                .anySatisfy(
                        r ->
                                assertThat(new String(r.value(), StandardCharsets.UTF_8))
                                        .contains("%2Cbs%2C"));
    }

    private static EventDecoder<?> decoder(TopicKind kind) {
        return switch (kind) {
            case PLAYBACK -> EventCodecs.playbackDecoder(LIMITS);
            case QOE -> EventCodecs.qoeDecoder(LIMITS);
            case SEARCH -> EventCodecs.searchDecoder(LIMITS);
            case CATALOG -> EventCodecs.catalogDecoder(LIMITS);
            case CMCD -> throw new IllegalArgumentException("CMCD is decoded by the QoE pipeline");
        };
    }
}
