package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.udfs.continuewatching.model.ContinueWatchingSettings;
import io.reelstream.udfs.continuewatching.model.InMemoryCatalog;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.EPISODE_CREDITS;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.MINUTE;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.MOVIE;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.MOVIE_RUNTIME;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.SERIES;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.T0;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.UNKNOWN;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.USER;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.applySorted;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.catalogIndex;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.episode;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.event;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.session;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.titleIds;
import static org.assertj.core.api.Assertions.assertThat;

/** Scenario tests of the Flink-free row model. */
class ContinueWatchingRowTest {

    private static final ContinueWatchingSettings SETTINGS = ContinueWatchingSettings.DEFAULTS;
    private final InMemoryCatalog catalog = catalogIndex();

    @Test
    void shortSamplingNeverEntersTheRow() {
        ContinueWatchingRow row =
                applySorted(session(MOVIE, "p1", T0, 0, 90_000), catalog, SETTINGS);

        assertThat(row.entries(SETTINGS)).isEmpty();
        assertThat(row.titles).hasSize(1);
    }

    @Test
    void watchingPastTheMinimumEntersWithBookmarkAndDevice() {
        ContinueWatchingRow row =
                applySorted(session(MOVIE, "p1", T0, 10 * MINUTE, 3 * MINUTE), catalog, SETTINGS);

        assertThat(row.entries(SETTINGS))
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.titleId()).isEqualTo(MOVIE);
                            assertThat(e.showId()).isEqualTo(MOVIE);
                            assertThat(e.positionMs()).isEqualTo(13 * MINUTE);
                            assertThat(e.runtimeMs()).isEqualTo(MOVIE_RUNTIME);
                            assertThat(e.progress()).isCloseTo(13.0 / 120, within());
                            assertThat(e.lastWatchedAt()).isEqualTo(T0 + 3 * MINUTE + 1);
                            assertThat(e.device()).isEqualTo(DeviceType.TV);
                        });
    }

    @Test
    void seekingForwardIsNotWatching() {
        List<PlaybackEvent> events = new ArrayList<>();
        events.add(event(USER, MOVIE, "p1", DeviceType.TV, PlaybackEventType.START, T0, 0, "a"));
        events.add(
                new PlaybackEvent(
                        1,
                        "b",
                        PlaybackEventType.SEEK,
                        T0 + 5_000,
                        USER,
                        null,
                        DeviceType.TV,
                        "DE",
                        MOVIE,
                        "p1",
                        60 * MINUTE,
                        MOVIE_RUNTIME,
                        5_000L));
        events.addAll(session(MOVIE, "p1b", T0 + 6_000, 60 * MINUTE, 60_000).subList(1, 3));
        ContinueWatchingRow row = applySorted(events, catalog, SETTINGS);

        assertThat(row.titles.get(0).watchedMs).isLessThan(2 * MINUTE);
        assertThat(row.titles.get(0).positionMs).isEqualTo(61 * MINUTE);
        assertThat(row.entries(SETTINGS)).isEmpty();
    }

    @Test
    void bingeOfASeasonHandsOffToTheNextEpisodeAtPositionZero() {
        List<PlaybackEvent> events = new ArrayList<>();
        long at = T0;
        for (int ep = 1; ep <= 3; ep++) {
            events.addAll(session(episode(1, ep), "p" + ep, at, 0, 39 * MINUTE));
            at += 45 * MINUTE;
        }
        ContinueWatchingRow row = applySorted(events, catalog, SETTINGS);

        assertThat(row.entries(SETTINGS))
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.titleId()).isEqualTo(episode(2, 1));
                            assertThat(e.showId()).isEqualTo(SERIES);
                            assertThat(e.positionMs()).isZero();
                        });
    }

    @Test
    void aCopyHasEveryFieldAndChangesIndependently() {
        List<PlaybackEvent> events = new ArrayList<>();
        events.addAll(session(episode(1, 1), "p1", T0, 0, 39 * MINUTE));
        events.addAll(session(MOVIE, "p2", T0 + 45 * MINUTE, 0, 10 * MINUTE));
        ContinueWatchingRow row = applySorted(events, catalog, SETTINGS);

        ContinueWatchingRow copy = row.copy();

        assertThat(copy).usingRecursiveComparison().isEqualTo(row);
        List<PlaybackEvent> more = session(MOVIE, "p3", T0 + 60 * MINUTE, 10 * MINUTE, 30 * MINUTE);
        more.forEach(e -> copy.apply(e, catalog, SETTINGS));
        assertThat(copy).usingRecursiveComparison().isNotEqualTo(row);
        assertThat(row)
                .usingRecursiveComparison()
                .isEqualTo(applySorted(events, catalog, SETTINGS));
    }

    @Test
    void finishingTheLastEpisodeRemovesTheSeries() {
        ContinueWatchingRow row =
                applySorted(session(episode(2, 3), "p1", T0, 0, 39 * MINUTE), catalog, SETTINGS);

        assertThat(row.entries(SETTINGS)).isEmpty();
    }

    @Test
    void creditsOffsetCompletesBeforeTheProgressThreshold() {
        long justPastCredits = EPISODE_CREDITS + 30_000 - 5 * MINUTE;
        ContinueWatchingRow row =
                applySorted(
                        session(episode(1, 1), "p1", T0, 5 * MINUTE, justPastCredits),
                        catalog,
                        SETTINGS);

        assertThat(titleIds(row.entries(SETTINGS))).containsExactly(episode(1, 2));
    }

    @Test
    void aSeriesAppearsOnceWithItsLatestEpisode() {
        List<PlaybackEvent> events =
                new ArrayList<>(session(episode(1, 1), "p1", T0, 0, 5 * MINUTE));
        events.addAll(session(episode(1, 3), "p2", T0 + 10 * MINUTE, 0, 5 * MINUTE));
        events.addAll(session(MOVIE, "p3", T0 + 20 * MINUTE, 0, 5 * MINUTE));
        ContinueWatchingRow row = applySorted(events, catalog, SETTINGS);

        assertThat(titleIds(row.entries(SETTINGS))).containsExactly(MOVIE, episode(1, 3));
    }

    @Test
    void aCompletedTitleIsRewatchedOnlyAfterTheMinimumWatchTime() {
        List<PlaybackEvent> events =
                new ArrayList<>(session(MOVIE, "p1", T0, 100 * MINUTE, 20 * MINUTE));
        ContinueWatchingRow row = applySorted(events, catalog, SETTINGS);
        assertThat(row.entries(SETTINGS)).isEmpty();

        for (PlaybackEvent e : session(MOVIE, "p2", T0 + 60 * MINUTE, 0, MINUTE)) {
            row.apply(e, catalog, SETTINGS);
        }
        assertThat(row.entries(SETTINGS)).isEmpty();

        for (PlaybackEvent e : session(MOVIE, "p3", T0 + 70 * MINUTE, MINUTE, 2 * MINUTE)) {
            row.apply(e, catalog, SETTINGS);
        }
        assertThat(row.entries(SETTINGS))
                .singleElement()
                .satisfies(e -> assertThat(e.positionMs()).isEqualTo(3 * MINUTE));
    }

    @Test
    void everyFinishOfATitleCountsAsACompletion() {
        ContinueWatchingRow row =
                applySorted(session(MOVIE, "p1", T0, 100 * MINUTE, 20 * MINUTE), catalog, SETTINGS);
        assertThat(title(row, MOVIE).completions).isEqualTo(1);

        for (PlaybackEvent e : session(MOVIE, "p2", T0 + 60 * MINUTE, 100 * MINUTE, 20 * MINUTE)) {
            row.apply(e, catalog, SETTINGS);
        }
        assertThat(title(row, MOVIE).completions).isEqualTo(2);
        assertThat(row.v).isEqualTo(ContinueWatchingRow.CURRENT_VERSION);
        assertThat(title(row, MOVIE).v).isEqualTo(TitleProgress.CURRENT_VERSION);
    }

    @Test
    void aRowRestoredFromV1StateCountsAFinishedTitleAsOneCompletion() {
        ContinueWatchingRow row = new ContinueWatchingRow();
        row.v = 1;
        TitleProgress finished = TitleProgress.of(MOVIE);
        finished.v = 1;
        finished.completed = true;
        TitleProgress watching = TitleProgress.of(UNKNOWN);
        watching.v = 1;
        row.titles.add(finished);
        row.titles.add(watching);

        row.upgrade();

        assertThat(row.v).isEqualTo(2);
        assertThat(finished.v).isEqualTo(2);
        assertThat(finished.completions).isEqualTo(1);
        assertThat(watching.v).isEqualTo(2);
        assertThat(watching.completions).isZero();

        finished.completions = 3;
        row.upgrade();
        assertThat(finished.completions).as("current state is left alone").isEqualTo(3);
    }

    private static TitleProgress title(ContinueWatchingRow row, String titleId) {
        return row.titles.stream().filter(t -> t.titleId.equals(titleId)).findFirst().orElseThrow();
    }

    @Test
    void anOlderEventNeverOverridesANewerOneAcrossDevices() {
        ContinueWatchingRow row =
                applySorted(session(MOVIE, "phone", T0, 0, 10 * MINUTE), catalog, SETTINGS);
        PlaybackEvent olderFromTv =
                event(
                        USER,
                        MOVIE,
                        "tv",
                        DeviceType.TV,
                        PlaybackEventType.STOP,
                        T0 + MINUTE,
                        50 * MINUTE,
                        "tv-9");

        assertThat(row.apply(olderFromTv, catalog, SETTINGS)).isFalse();
        assertThat(row.apply(duplicateOfNewest(), catalog, SETTINGS)).isFalse();
        assertThat(row.entries(SETTINGS).get(0).positionMs()).isEqualTo(10 * MINUTE);
    }

    @Test
    void stopOnTheTvAndStartOnThePhoneInTheSameMillisecondEndsOnThePhone() {
        long switchAt = T0 + 10 * MINUTE + 1;
        PlaybackEvent tvStop =
                event(
                        USER,
                        MOVIE,
                        "tv",
                        DeviceType.TV,
                        PlaybackEventType.STOP,
                        switchAt,
                        10 * MINUTE,
                        "zz-tv-stop");
        PlaybackEvent phoneStart =
                event(
                        USER,
                        MOVIE,
                        "phone",
                        DeviceType.MOBILE,
                        PlaybackEventType.START,
                        switchAt,
                        10 * MINUTE,
                        "aa-phone-start");

        for (List<PlaybackEvent> arrival :
                List.of(List.of(tvStop, phoneStart), List.of(phoneStart, tvStop))) {
            ContinueWatchingRow row =
                    applySorted(
                            session(USER, MOVIE, "tv", DeviceType.TV, T0, 0, 10 * MINUTE, null),
                            catalog,
                            SETTINGS);
            arrival.forEach(e -> row.apply(e, catalog, SETTINGS));

            assertThat(row.entries(SETTINGS))
                    .singleElement()
                    .satisfies(
                            e -> {
                                assertThat(e.device()).isEqualTo(DeviceType.MOBILE);
                                assertThat(e.positionMs()).isEqualTo(10 * MINUTE);
                                assertThat(e.lastWatchedAt()).isEqualTo(switchAt);
                            });
        }
    }

    @Test
    void titlesUnknownToTheCatalogUseTheEventRuntimeAndHaveNoNextEpisode() {
        ContinueWatchingRow inProgress =
                applySorted(session(UNKNOWN, "p1", T0, 0, 5 * MINUTE), catalog, SETTINGS);
        assertThat(inProgress.entries(SETTINGS))
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.showId()).isEqualTo(UNKNOWN);
                            assertThat(e.runtimeMs()).isEqualTo(60 * MINUTE);
                        });

        ContinueWatchingRow finished =
                applySorted(session(UNKNOWN, "p1", T0, 50 * MINUTE, 8 * MINUTE), catalog, SETTINGS);
        assertThat(finished.entries(SETTINGS)).isEmpty();
    }

    @Test
    void theRowIsNewestFirstAndCapped() {
        ContinueWatchingSettings cap3 =
                new ContinueWatchingSettings(0.95, 2 * MINUTE, 3, SETTINGS.maxAgeMs(), 10_000);
        List<PlaybackEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.addAll(session("film-" + i, "p" + i, T0 + i * 10 * MINUTE, 0, 3 * MINUTE));
        }
        ContinueWatchingRow row = applySorted(events, catalog, cap3);

        assertThat(titleIds(row.entries(cap3))).containsExactly("film-4", "film-3", "film-2");
    }

    @Test
    void titlesExpireAfterTheMaximumAge() {
        List<PlaybackEvent> events = new ArrayList<>(session("film-a", "p1", T0, 0, 3 * MINUTE));
        events.addAll(session("film-b", "p2", T0 + 60 * MINUTE, 0, 3 * MINUTE));
        ContinueWatchingRow row = applySorted(events, catalog, SETTINGS);
        long aExpires = row.nextExpiryAt(SETTINGS);

        assertThat(aExpires).isEqualTo(T0 + 3 * MINUTE + 1 + SETTINGS.maxAgeMs());
        assertThat(row.expire(aExpires - 1, SETTINGS)).isFalse();
        assertThat(row.expire(aExpires, SETTINGS)).isTrue();
        assertThat(titleIds(row.entries(SETTINGS))).containsExactly("film-b");
        assertThat(row.expire(T0 + 64 * MINUTE + SETTINGS.maxAgeMs(), SETTINGS)).isTrue();
        assertThat(row.isEmpty()).isTrue();
    }

    private static PlaybackEvent duplicateOfNewest() {
        List<PlaybackEvent> s = session(MOVIE, "phone", T0, 0, 10 * MINUTE);
        return s.get(s.size() - 1);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
