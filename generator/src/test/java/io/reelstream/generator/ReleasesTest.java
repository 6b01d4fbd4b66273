package io.reelstream.generator;

import io.reelstream.generator.ViewingSessions.Viewing;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Shows released during the run: never watched before their release, announced on the catalog topic
 * at it, watched in a burst that decays with the launch half-life and reaches beyond their taste
 * cluster; the same for a seed, and the earlier traffic byte for byte without releases.
 */
class ReleasesTest {

    private static final int RECORDS = 900_000;
    private static final long HOUR = 3_600_000L;

    private static TrafficGenerator launching;
    private static List<GeneratedRecord> launchingRecords;
    private static Map<String, List<Viewing>> launchingSessions;

    /** About 12 h of event time, releases over the first 2 h, a 1 h launch half-life. */
    private static GeneratorConfig.Builder config() {
        return GeneratorConfig.builder()
                .seed(21)
                .users(400)
                .titles(1200)
                .clusters(6)
                .eventsPerSecond(1200)
                .speedUp(60)
                .malformedShare(0)
                .releaseShare(0.3)
                .releaseWindow(Duration.ofHours(2))
                .launchBoost(8)
                .launchHalfLife(Duration.ofHours(1))
                .launchReach(0.25);
    }

    @BeforeAll
    static void generate() {
        launching = new TrafficGenerator(config().build());
        launchingRecords = launching.stream().limit(RECORDS).toList();
        launchingSessions =
                ViewingSessions.byMember(new TrafficGenerator(config().build()), RECORDS);
    }

    @Test
    void shouldReleaseTheConfiguredShareOfShowsInsideTheWindow() {
        Releases releases = launching.catalog().releases();
        int shows = launching.catalog().shows().size();
        long start = launching.config().startMillis();

        assertThat(releases.inOrder()).hasSize((int) Math.round(0.3 * shows));
        assertThat(releases.inOrder())
                .allSatisfy(
                        show ->
                                assertThat(releases.releaseTime(show))
                                        .isBetween(start + 1, start + 2 * HOUR));
        assertThat(releases.releaseTime(releases.inOrder().get(0))).isLessThan(start + HOUR / 4);
    }

    @Test
    void shouldNeverPlayAShowBeforeItsRelease() {
        Releases releases = launching.catalog().releases();
        List<PlaybackEvent> playbacks = GeneratorFixtures.playbacks(launchingRecords);
        long releasedPlays = 0;
        for (PlaybackEvent event : playbacks) {
            Show show = launching.catalog().showOf(event.titleId());
            assertThat(event.eventTime()).isGreaterThanOrEqualTo(releases.releaseTime(show));
            releasedPlays += releases.releaseTime(show) == Releases.AT_START ? 0 : 1;
        }
        assertThat(releasedPlays).isGreaterThan(playbacks.size() / 10);
    }

    @Test
    void shouldAnnounceEachReleasedTitleOnTheCatalogTopicAtItsReleaseBeforeAnyPlay() {
        Catalog catalog = launching.catalog();
        int atStart = launching.catalogRecordCount();
        Map<String, Long> announced = new HashMap<>();
        Map<String, Long> firstPlay = new HashMap<>();
        var decoder = EventCodecs.catalogDecoder(DecodeLimits.defaults());
        long now = GeneratorFixtures.nowAfter(launchingRecords);
        for (GeneratedRecord r : launchingRecords.subList(atStart, launchingRecords.size())) {
            if (r.kind() == TopicKind.CATALOG) {
                CatalogRecord title = decoded(decoder.decode(GeneratorFixtures.raw(r), now));
                assertThat(title.updatedAt()).isEqualTo(r.eventTime());
                assertThat(announced.put(title.titleId(), title.updatedAt())).isNull();
            }
        }
        for (PlaybackEvent e : GeneratorFixtures.playbacks(launchingRecords)) {
            firstPlay.putIfAbsent(e.titleId(), e.eventTime());
        }
        long releasedTitles = 0;
        for (CatalogRecord title : catalog.titles()) {
            long release = catalog.releases().releaseTime(catalog.showOf(title.titleId()));
            if (release != Releases.AT_START) {
                releasedTitles++;
                assertThat(announced).containsEntry(title.titleId(), release);
                assertThat(firstPlay.getOrDefault(title.titleId(), Long.MAX_VALUE))
                        .isGreaterThanOrEqualTo(release);
            }
        }
        assertThat(announced).hasSize((int) releasedTitles);
        assertThat(atStart).isEqualTo(catalog.titles().size() - (int) releasedTitles);
    }

    /**
     * Sessions on released shows by hour since release, less the late baseline: hour averages of
     * 2^-t give 2 for hour 0 over hour 1 and 4 for hours 0-1 over hours 2-3 (a 2 h half-life would
     * give 1.4 and 2, a 30 min one 4 and 16); bounds allow the sampling noise of a few hundred
     * sessions.
     */
    @Test
    void shouldWatchANewReleaseInABurstThatHalvesEachHalfLife() {
        double[] views = viewsByHoursSinceRelease(9);
        double baseline = (views[6] + views[7] + views[8]) / 3;
        double first = views[0] - baseline;
        double second = views[1] - baseline;
        double early = first + second;
        double late = views[2] + views[3] - 2 * baseline;

        assertThat(views[0]).isGreaterThan(3 * baseline);
        assertThat(first / second).isBetween(1.4, 3.2);
        assertThat(early / late).isBetween(2.5, 6.5);
    }

    @Test
    void shouldWatchNewReleasesAcrossClustersMoreThanOlderShows() {
        double[] launched = crossClusterShares(launching, launchingSessions);
        assertThat(launched[1]).isGreaterThan(1.5 * launched[0]);

        GeneratorConfig clusterOnly = config().launchReach(0).build();
        TrafficGenerator generator = new TrafficGenerator(clusterOnly);
        double[] narrow =
                crossClusterShares(generator, ViewingSessions.byMember(generator, RECORDS));
        assertThat(narrow[1]).isLessThan(narrow[0]);
    }

    @Test
    void shouldGiveTheSameReleasesAndTrafficForASeed() {
        TrafficGenerator again = new TrafficGenerator(config().build());
        for (GeneratedRecord r : launchingRecords.subList(0, 200_000)) {
            GeneratedRecord other = again.next();
            assertThat(other.value()).isEqualTo(r.value());
            assertThat(other.eventTime()).isEqualTo(r.eventTime());
        }
        Releases other = new TrafficGenerator(config().seed(22).build()).catalog().releases();
        assertThat(other.inOrder()).isNotEqualTo(launching.catalog().releases().inOrder());
    }

    /**
     * SHA-256 of the first 100,000 records of {@code small().seed(7)} without releases, computed
     * with the generator before releases existed: update only when the traffic changes on purpose.
     */
    @Test
    void shouldGiveTheEarlierTrafficByteForByteWithoutReleases() throws Exception {
        TrafficGenerator generator =
                new TrafficGenerator(GeneratorFixtures.small().seed(7).withoutReleases().build());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 100_000; i++) {
            GeneratedRecord r = generator.next();
            digest.update(r.kind().name().getBytes(StandardCharsets.UTF_8));
            digest.update(String.valueOf(r.key()).getBytes(StandardCharsets.UTF_8));
            digest.update(r.value());
            digest.update(Long.toString(r.eventTime()).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(generator.catalog().releases().isEmpty()).isTrue();
        assertThat(HexFormat.of().formatHex(digest.digest()))
                .isEqualTo("320c0c4c45258c31882fe61e254861416bd8852695aec28f95794f68832bbc7e");
    }

    @Test
    void shouldHalveTheLaunchWeightEachHalfLifeAndReachOtherClustersLess() {
        Catalog catalog = launching.catalog();
        LaunchInterest interest = new LaunchInterest(catalog, launching.config());
        Show show = catalog.releases().inOrder().get(0);
        long release = catalog.releases().releaseTime(show);
        int own = show.cluster();
        int other = (own + 1) % launching.config().clusters();

        double atRelease = interest.launchWeight(show, own, release);
        double meanReach = 1.0 / 6 + 5.0 / 6 * 0.25;
        assertThat(atRelease).isCloseTo(8 * catalog.globalWeight(show) / meanReach, within(1e-12));
        assertThat(interest.launchWeight(show, own, release + HOUR))
                .isCloseTo(atRelease / 2, within(1e-12));
        assertThat(interest.launchWeight(show, other, release))
                .isCloseTo(0.25 * atRelease, within(1e-12));
        assertThat(interest.launchWeight(show, own, release - 1)).isZero();
    }

    @Test
    void shouldRejectReleaseKnobsOutOfRange() {
        assertThatThrownBy(() -> config().releaseShare(1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("releaseShare");
        assertThatThrownBy(() -> config().releaseWindow(Duration.ZERO).build())
                .hasMessageContaining("releaseWindowMs");
        assertThatThrownBy(() -> config().launchHalfLife(Duration.ZERO).build())
                .hasMessageContaining("launchHalfLifeMs");
        assertThatThrownBy(() -> config().launchBoost(-1).build())
                .hasMessageContaining("launchBoost");
        assertThatThrownBy(() -> config().launchReach(1.5).build())
                .hasMessageContaining("launchReach");
    }

    /** Sessions on released shows per whole hour since their release, hours 0 to n-1. */
    private static double[] viewsByHoursSinceRelease(int hours) {
        Releases releases = launching.catalog().releases();
        double[] views = new double[hours];
        for (List<Viewing> viewings : launchingSessions.values()) {
            for (Viewing v : viewings) {
                long release = releases.releaseTime(v.show());
                if (release != Releases.AT_START) {
                    long hour = (v.startedAt() - release) / HOUR;
                    if (hour < hours) {
                        views[(int) hour]++;
                    }
                }
            }
        }
        return views;
    }

    /**
     * Share of sessions by members outside the show's cluster: [0] on shows available from the
     * start, [1] on released shows within two half-lives of their release.
     */
    private static double[] crossClusterShares(
            TrafficGenerator generator, Map<String, List<Viewing>> sessions) {
        Releases releases = generator.catalog().releases();
        long[] cross = new long[2];
        long[] all = new long[2];
        for (List<Viewing> viewings : sessions.values()) {
            for (Viewing v : viewings) {
                long release = releases.releaseTime(v.show());
                int group = release == Releases.AT_START ? 0 : 1;
                if (group == 1 && v.startedAt() - release >= 2 * HOUR) {
                    continue;
                }
                all[group]++;
                cross[group] +=
                        generator.members().clusterOfUser(v.userId()) != v.show().cluster() ? 1 : 0;
            }
        }
        assertThat(all[1]).isGreaterThan(300);
        return new double[] {(double) cross[0] / all[0], (double) cross[1] / all[1]};
    }

    private static CatalogRecord decoded(Object result) {
        if (result instanceof io.reelstream.schemas.decode.DecodeResult.Ok<?> ok) {
            return (CatalogRecord) ok.value();
        }
        throw new AssertionError("expected a valid catalog record: " + result);
    }

    private static org.assertj.core.data.Offset<Double> within(double value) {
        return org.assertj.core.data.Offset.offset(value);
    }
}
