package io.reelstream.benchmarks;

import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.schemas.events.SearchEvent;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StateGrowthRecordsTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long SPACING = Duration.ofMinutes(5).toMillis();
    private static final long NOW = System.currentTimeMillis();
    private static final long START = NOW - 3 * DAY;

    private final StateGrowthSchedule schedule =
            new StateGrowthSchedule(1_000, 4, START, 2 * DAY, SPACING, DAY / 2, 2);

    @Test
    void shouldGeneratePlaybackThatTheJobsDecoderAccepts() {
        StateGrowthRecords.Playback generator =
                new StateGrowthRecords.Playback(schedule, SPACING, 50);
        var decoder = EventCodecs.playbackDecoder(DecodeLimits.defaults());
        Set<String> eventIds = new HashSet<>();
        Map<String, List<PlaybackEvent>> sessions = new HashMap<>();
        for (long i = 0; i < schedule.events(); i++) {
            RawRecord record = generator.map(i);
            DecodeResult<PlaybackEvent> result = decoder.decode(record, NOW);
            assertThat(result).as("record %d", i).isInstanceOf(DecodeResult.Ok.class);
            PlaybackEvent event = ((DecodeResult.Ok<PlaybackEvent>) result).value();
            assertThat(event).isEqualTo(generator.event(i));
            assertThat(new String(record.key())).isEqualTo(event.userId());
            assertThat(record.timestamp()).isEqualTo(event.eventTime());
            assertThat(event.positionMs()).isLessThanOrEqualTo(event.runtimeMs());
            eventIds.add(event.eventId());
            sessions.computeIfAbsent(event.userId(), u -> new ArrayList<>()).add(event);
        }
        assertThat(eventIds).hasSize((int) schedule.events());
        List<PlaybackEvent> first =
                sessions.get(StateGrowthRecords.userId(schedule, 0)).stream()
                        .sorted((a, b) -> Long.compare(a.eventTime(), b.eventTime()))
                        .toList();
        assertThat(first)
                .extracting(PlaybackEvent::type)
                .containsExactly(
                        PlaybackEventType.START,
                        PlaybackEventType.HEARTBEAT,
                        PlaybackEventType.HEARTBEAT,
                        PlaybackEventType.STOP);
        assertThat(first)
                .extracting(PlaybackEvent::positionMs)
                .containsExactly(0L, SPACING, 2 * SPACING, 3 * SPACING);
        assertThat(first)
                .extracting(PlaybackEvent::playbackId)
                .containsOnly(first.get(0).playbackId());
        assertThat(first).extracting(PlaybackEvent::titleId).containsOnly(first.get(0).titleId());
    }

    @Test
    void shouldGenerateACatalogWithTheRuntimesOfThePlayback() {
        StateGrowthRecords.Catalog catalog = new StateGrowthRecords.Catalog(50, START - DAY);
        var decoder = EventCodecs.catalogDecoder(DecodeLimits.defaults());
        Map<String, Long> runtimes = new HashMap<>();
        for (long i = 0; i < 50; i++) {
            DecodeResult<CatalogRecord> result = decoder.decode(catalog.map(i), NOW);
            assertThat(result).isInstanceOf(DecodeResult.Ok.class);
            CatalogRecord title = ((DecodeResult.Ok<CatalogRecord>) result).value();
            assertThat(title.genres()).isNotEmpty();
            runtimes.put(title.titleId(), title.runtimeMs());
        }
        assertThat(runtimes).hasSize(50);
        StateGrowthRecords.Playback playback =
                new StateGrowthRecords.Playback(schedule, SPACING, 50);
        for (long i = 0; i < 500; i++) {
            PlaybackEvent event = playback.event(i);
            assertThat(runtimes).containsEntry(event.titleId(), event.runtimeMs());
        }
    }

    @Test
    void shouldGenerateSearchesThatTheJobsDecoderAccepts() {
        StateGrowthRecords.Searches searches = new StateGrowthRecords.Searches(START);
        var decoder = EventCodecs.searchDecoder(DecodeLimits.defaults());
        for (long i = 0; i < 2; i++) {
            DecodeResult<SearchEvent> result = decoder.decode(searches.map(i), NOW);
            assertThat(result).isInstanceOf(DecodeResult.Ok.class);
            assertThat(((DecodeResult.Ok<SearchEvent>) result).value().eventTime())
                    .isEqualTo(START);
        }
    }
}
