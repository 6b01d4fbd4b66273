package io.reelstream.generator;

import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** A small generator config and helpers to decode what it produced. */
final class GeneratorFixtures {

    private GeneratorFixtures() {}

    static GeneratorConfig.Builder small() {
        return GeneratorConfig.builder()
                .users(500)
                .titles(300)
                .clusters(8)
                .eventsPerSecond(600)
                .speedUp(60);
    }

    private static final Map<String, List<GeneratedRecord>> CACHE = new ConcurrentHashMap<>();

    /** The first {@code count} records of {@code config}; memoized, tests share them read-only. */
    static List<GeneratedRecord> take(GeneratorConfig config, int count) {
        return CACHE.computeIfAbsent(
                config + "#" + count,
                k -> new TrafficGenerator(config).stream().limit(count).toList());
    }

    static RawRecord raw(GeneratedRecord record) {
        return new RawRecord(
                "t",
                0,
                0,
                record.eventTime(),
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
                record.value());
    }

    /** A "now" after every generated event time. */
    static long nowAfter(List<GeneratedRecord> records) {
        return records.stream().mapToLong(GeneratedRecord::eventTime).max().orElseThrow()
                + 3_600_000L;
    }

    static List<PlaybackEvent> playbacks(List<GeneratedRecord> records) {
        long now = nowAfter(records);
        return records.stream()
                .filter(r -> r.kind() == TopicKind.PLAYBACK && r.isValid())
                .map(r -> EventCodecs.playbackDecoder(DecodeLimits.defaults()).decode(raw(r), now))
                .map(GeneratorFixtures::value)
                .map(PlaybackEvent.class::cast)
                .toList();
    }

    static List<QoeEvent> qoes(List<GeneratedRecord> records) {
        long now = nowAfter(records);
        return records.stream()
                .filter(r -> r.kind() == TopicKind.QOE && r.isValid())
                .map(r -> EventCodecs.qoeDecoder(DecodeLimits.defaults()).decode(raw(r), now))
                .map(GeneratorFixtures::value)
                .map(QoeEvent.class::cast)
                .toList();
    }

    private static Object value(DecodeResult<?> result) {
        if (result instanceof DecodeResult.Ok<?> ok) {
            return Objects.requireNonNull(ok.value());
        }
        throw new AssertionError("expected a valid record: " + result);
    }
}
