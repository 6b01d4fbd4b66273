package io.reelstream.generator;

import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.events.TitleKind;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.reelstream.generator.GeneratorFixtures.small;
import static io.reelstream.generator.GeneratorFixtures.take;
import static org.assertj.core.api.Assertions.assertThat;

class TrafficGeneratorTest {

    private static final int N = 60_000;

    @Test
    void shouldBeDeterministicForASeedAndDifferAcrossSeeds() {
        List<GeneratedRecord> a = fresh(small().seed(7).build());
        List<GeneratedRecord> b = fresh(small().seed(7).build());
        List<GeneratedRecord> c = fresh(small().seed(8).build());
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).value()).isEqualTo(b.get(i).value());
            assertThat(a.get(i).key()).isEqualTo(b.get(i).key());
            assertThat(a.get(i).eventTime()).isEqualTo(b.get(i).eventTime());
        }
        long differing = 0;
        for (int i = 0; i < a.size(); i++) {
            differing += java.util.Arrays.equals(a.get(i).value(), c.get(i).value()) ? 0 : 1;
        }
        assertThat(differing).isGreaterThan(a.size() / 2);
    }

    @Test
    void shouldSendTheCatalogFirstThenEventsAndReleasesInEventTimeOrder() {
        TrafficGenerator generator = new TrafficGenerator(small().build());
        int catalogRecords = generator.catalogRecordCount();
        List<GeneratedRecord> records = generator.stream().limit(catalogRecords + 20_000L).toList();
        assertThat(records.subList(0, catalogRecords))
                .allSatisfy(r -> assertThat(r.kind()).isEqualTo(TopicKind.CATALOG));
        List<GeneratedRecord> events = records.subList(catalogRecords, records.size());
        Catalog catalog = generator.catalog();
        assertThat(events)
                .filteredOn(r -> r.kind() == TopicKind.CATALOG)
                .allSatisfy(
                        r ->
                                assertThat(catalog.releases().releaseTime(catalog.showOf(r.key())))
                                        .as("only a title released during the run, at its release")
                                        .isEqualTo(r.eventTime()));
        assertThat(events)
                .isSortedAccordingTo(Comparator.comparingLong(GeneratedRecord::eventTime));
        assertThat(events.get(0).eventTime())
                .isGreaterThanOrEqualTo(generator.config().startMillis());
        assertThat(events.stream().map(GeneratedRecord::kind).distinct())
                .contains(TopicKind.PLAYBACK, TopicKind.QOE, TopicKind.SEARCH, TopicKind.CMCD);
    }

    @Test
    void shouldBuildTheConfiguredCatalogWithSeriesInEpisodeOrder() {
        TrafficGenerator generator = new TrafficGenerator(small().build());
        Catalog catalog = generator.catalog();
        assertThat(catalog.titles()).hasSize(300);
        assertThat(catalog.shows()).anySatisfy(s -> assertThat(s.isSeries()).isTrue());
        assertThat(catalog.shows()).anySatisfy(s -> assertThat(s.isSeries()).isFalse());
        for (Show show : catalog.shows()) {
            List<CatalogRecord> titles = show.titles();
            for (int i = 1; i < titles.size(); i++) {
                CatalogRecord prev = titles.get(i - 1);
                CatalogRecord next = titles.get(i);
                assertThat(next.kind()).isEqualTo(TitleKind.EPISODE);
                assertThat(next.seriesId()).isEqualTo(prev.seriesId());
                boolean sameSeason =
                        next.season().equals(prev.season()) && next.episode() == prev.episode() + 1;
                boolean nextSeason = next.season() == prev.season() + 1 && next.episode() == 1;
                assertThat(sameSeason || nextSeason).as(next.name()).isTrue();
                assertThat(next.creditsOffsetMs()).isBetween(0L, next.runtimeMs());
            }
        }
    }

    @Test
    void shouldSkewPlaysTowardsPopularShows() {
        TrafficGenerator generator = new TrafficGenerator(small().malformedShare(0).build());
        List<PlaybackEvent> starts =
                GeneratorFixtures.playbacks(take(generator.config(), N)).stream()
                        .filter(e -> e.type() == PlaybackEventType.START)
                        .toList();
        Map<String, Long> startsPerShow =
                starts.stream()
                        .collect(
                                Collectors.groupingBy(
                                        e -> generator.catalog().showOf(e.titleId()).showId(),
                                        Collectors.counting()));
        List<Long> sorted =
                startsPerShow.values().stream().sorted(Comparator.reverseOrder()).toList();
        int topTenth = Math.max(1, generator.catalog().shows().size() / 10);
        long top = sorted.stream().limit(topTenth).mapToLong(Long::longValue).sum();
        assertThat(starts).hasSizeGreaterThan(300);
        assertThat((double) top / starts.size())
                .as("share of plays on the top 10%% of shows")
                .isGreaterThan(0.35);
    }

    @Test
    void shouldMakeMembersMostlyWatchTheirPlantedCluster() {
        TrafficGenerator generator = new TrafficGenerator(small().malformedShare(0).build());
        List<PlaybackEvent> starts =
                GeneratorFixtures.playbacks(take(generator.config(), N)).stream()
                        .filter(e -> e.type() == PlaybackEventType.START)
                        .toList();
        long inCluster =
                starts.stream()
                        .filter(
                                e ->
                                        generator.members().clusterOfUser(e.userId())
                                                == generator.catalog().clusterOfTitle(e.titleId()))
                        .count();
        assertThat((double) inCluster / starts.size()).isGreaterThan(0.7);
    }

    @Test
    void shouldBingeOnlyConsecutiveEpisodes() {
        TrafficGenerator generator = new TrafficGenerator(small().malformedShare(0).build());
        List<PlaybackEvent> events = GeneratorFixtures.playbacks(take(generator.config(), N));
        Map<String, List<PlaybackEvent>> byUser =
                events.stream().collect(Collectors.groupingBy(PlaybackEvent::userId));
        int binges = 0;
        for (List<PlaybackEvent> userEvents : byUser.values()) {
            PlaybackEvent lastComplete = null;
            for (PlaybackEvent e : userEvents) {
                if (e.type() == PlaybackEventType.COMPLETE) {
                    lastComplete = e;
                } else if (e.type() == PlaybackEventType.START
                        && lastComplete != null
                        && e.eventTime() - lastComplete.eventTime() <= 30_000
                        && !e.titleId().equals(lastComplete.titleId())) {
                    CatalogRecord previous = generator.catalog().title(lastComplete.titleId());
                    assertThat(
                                    generator
                                            .catalog()
                                            .nextEpisode(previous.titleId())
                                            .map(CatalogRecord::titleId))
                            .as("binge after %s", previous.name())
                            .contains(e.titleId());
                    binges++;
                    lastComplete = null;
                }
            }
        }
        assertThat(binges).isGreaterThan(10);
    }

    @Test
    void shouldEmitHeartbeatsEvery30To60SecondsOfPlay() {
        List<PlaybackEvent> events =
                GeneratorFixtures.playbacks(take(small().malformedShare(0).build(), N));
        Map<String, List<PlaybackEvent>> byPlayback =
                events.stream().collect(Collectors.groupingBy(PlaybackEvent::playbackId));
        List<Long> gaps = new ArrayList<>();
        for (List<PlaybackEvent> playback : byPlayback.values()) {
            for (int i = 1; i < playback.size(); i++) {
                if (playback.get(i).type() == PlaybackEventType.HEARTBEAT
                        && playback.get(i - 1).type() == PlaybackEventType.HEARTBEAT) {
                    gaps.add(playback.get(i).eventTime() - playback.get(i - 1).eventTime());
                }
            }
        }
        assertThat(gaps).isNotEmpty();
        assertThat(gaps).allSatisfy(g -> assertThat(g).isBetween(30_000L, 68_000L));
        assertThat(events.stream().map(PlaybackEvent::type).distinct())
                .contains(
                        PlaybackEventType.PAUSE,
                        PlaybackEventType.RESUME,
                        PlaybackEventType.SEEK,
                        PlaybackEventType.STOP,
                        PlaybackEventType.COMPLETE);
    }

    @Test
    void shouldSwitchDevicesMidTitleSometimes() {
        List<PlaybackEvent> events =
                GeneratorFixtures.playbacks(take(small().malformedShare(0).build(), N));
        Map<String, PlaybackEvent> lastStop = new HashMap<>();
        int switches = 0;
        for (PlaybackEvent e : events) {
            String key = e.userId() + "/" + e.titleId();
            PlaybackEvent stop = lastStop.get(key);
            if (e.type() == PlaybackEventType.START
                    && stop != null
                    && stop.deviceType() != e.deviceType()
                    && stop.positionMs() == e.positionMs()) {
                switches++;
            }
            if (e.type() == PlaybackEventType.STOP) {
                lastStop.put(key, e);
            }
        }
        assertThat(switches).isPositive();
    }

    @Test
    void shouldConcentrateStallsOnTheStallCdnAndTheDegradedWindow() {
        long start = GeneratorConfig.DEFAULT_START_MILLIS;
        GeneratorConfig config =
                small().malformedShare(0)
                        .stallShare(0.1)
                        .stallCdn("cdn-b")
                        .degradeCdn("cdn-c", start + 1_800_000, start + 3_600_000)
                        .build();
        List<QoeEvent> samples = GeneratorFixtures.qoes(take(config, N));
        Map<String, Double> stallRate =
                samples.stream()
                        .filter(
                                q ->
                                        q.eventTime() < start + 1_800_000
                                                || q.eventTime() >= start + 3_600_000)
                        .collect(
                                Collectors.groupingBy(
                                        QoeEvent::cdn,
                                        Collectors.averagingDouble(
                                                q ->
                                                        q.state() == PlayerState.REBUFFERING
                                                                ? 1
                                                                : 0)));
        assertThat(stallRate.get("cdn-b")).isGreaterThan(2 * stallRate.get("cdn-a"));
        double degraded =
                samples.stream()
                        .filter(q -> q.cdn().equals("cdn-c"))
                        .filter(
                                q ->
                                        q.eventTime() >= start + 2_000_000
                                                && q.eventTime() < start + 3_600_000)
                        .mapToDouble(q -> q.state() == PlayerState.REBUFFERING ? 1 : 0)
                        .average()
                        .orElseThrow();
        assertThat(degraded).isGreaterThan(3 * stallRate.get("cdn-c"));
    }

    @Test
    void shouldMeasureTheRateItReallyProducesInWallClockEventsPerSecond() {
        GeneratorConfig config = small().seed(3).build();
        java.time.Duration span = java.time.Duration.ofMinutes(30);
        // naive reference: count the events of the first 30 minutes of event time by hand
        TrafficGenerator generator = new TrafficGenerator(config);
        List<GeneratedRecord> records =
                generator.stream().skip(generator.catalogRecordCount()).limit(200_000).toList();
        long end = config.startMillis() + span.toMillis();
        long inSpan = records.stream().filter(r -> r.eventTime() < end).count();
        assertThat(inSpan).isLessThan(records.size());
        double expected = inSpan / (double) span.toSeconds() * config.speedUp();

        double measured = TrafficGenerator.measuredEventsPerSecond(config, span);

        assertThat(measured).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
        // the model's density is near the configured rate, not equal to it
        assertThat(measured)
                .isBetween(0.5 * config.eventsPerSecond(), 1.5 * config.eventsPerSecond());
    }

    /** Generated anew, never from the shared cache: determinism must be shown by two runs. */
    private static List<GeneratedRecord> fresh(GeneratorConfig config) {
        return new TrafficGenerator(config).stream().limit(5_000).toList();
    }
}
