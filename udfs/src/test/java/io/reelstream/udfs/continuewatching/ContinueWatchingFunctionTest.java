package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.udfs.continuewatching.model.ContinueWatchingSettings;
import io.reelstream.udfs.continuewatching.model.PlaybackOrder;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.MINUTE;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.MOVIE;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.T0;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.USER;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.episode;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.event;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.movie;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.session;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.titleIds;
import static org.assertj.core.api.Assertions.assertThat;

/** Scenario tests of the keyed broadcast operator: outputs, coalescing, timers and cleanup. */
class ContinueWatchingFunctionTest {

    private static final ContinueWatchingSettings SETTINGS = ContinueWatchingSettings.DEFAULTS;
    private static final long MAX_AGE = SETTINGS.maxAgeMs();

    @Test
    void bingeOfASeasonHandsOffEachNextEpisodeAndCleansUpAfterExpiry() throws Exception {
        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(SETTINGS)) {
            long at = T0;
            for (int ep = 1; ep <= 3; ep++) {
                h.play(session(episode(1, ep), "p" + ep, at, 0, 39 * MINUTE));
                h.watermark(at + 40 * MINUTE);
                assertThat(titleIds(lastRow(h)))
                        .containsExactly(ep < 3 ? episode(1, ep + 1) : episode(2, 1));
                assertThat(lastRow(h).get(0).positionMs()).isZero();
                at += 45 * MINUTE;
            }
            long lastEvent = T0 + 90 * MINUTE + 39 * MINUTE + 1;
            int writes = h.writes().size();
            assertThat(h.numEventTimeTimers()).isEqualTo(1); // the expiry timer

            h.watermark(lastEvent + MAX_AGE);

            assertThat(h.writes()).hasSize(writes);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aCompletedTitleLeavesAtOnceAndReturnsOnlyWhenRewatchedLongEnough() throws Exception {
        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(SETTINGS)) {
            h.play(session(MOVIE, "p1", T0, 100 * MINUTE, 10 * MINUTE));
            h.watermark(T0 + 11 * MINUTE);
            assertThat(titleIds(lastRow(h))).containsExactly(MOVIE);

            h.play(session(MOVIE, "p2", T0 + 20 * MINUTE, 110 * MINUTE, 6 * MINUTE));
            h.watermark(T0 + 30 * MINUTE);
            assertThat(lastRow(h)).isEmpty();
            int writes = h.writes().size();

            h.play(session(MOVIE, "p3", T0 + 60 * MINUTE, 0, MINUTE));
            h.watermark(T0 + 70 * MINUTE);
            assertThat(h.writes()).hasSize(writes);

            h.play(session(MOVIE, "p4", T0 + 80 * MINUTE, MINUTE, 3 * MINUTE));
            h.watermark(T0 + 90 * MINUTE);
            assertThat(lastRow(h))
                    .singleElement()
                    .satisfies(e -> assertThat(e.positionMs()).isEqualTo(4 * MINUTE));
        }
    }

    @Test
    void twoDevicesInterleavedAndOutOfOrderEndOnTheNewestEvent() throws Exception {
        long switchAt = T0 + 10 * MINUTE + 1;
        List<PlaybackEvent> events =
                new ArrayList<>(
                        session(USER, MOVIE, "tv", DeviceType.TV, T0, 0, 10 * MINUTE, null));
        events.add(
                event(
                        USER,
                        MOVIE,
                        "tv",
                        DeviceType.TV,
                        PlaybackEventType.STOP,
                        switchAt,
                        10 * MINUTE,
                        "tv-stop"));
        events.addAll(
                session(
                        USER,
                        MOVIE,
                        "phone",
                        DeviceType.MOBILE,
                        switchAt,
                        10 * MINUTE,
                        5 * MINUTE,
                        PlaybackEventType.PAUSE));
        events.add(
                event(
                        USER,
                        MOVIE,
                        "tv",
                        DeviceType.TV,
                        PlaybackEventType.HEARTBEAT,
                        switchAt + MINUTE,
                        11 * MINUTE,
                        "tv-ghost"));
        Collections.shuffle(events, new Random(42));

        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(SETTINGS)) {
            h.play(events);
            h.watermark(T0 + 20 * MINUTE);
            List<ContinueWatchingEntry> row = lastRow(h);
            assertThat(row)
                    .singleElement()
                    .satisfies(
                            e -> {
                                assertThat(e.device()).isEqualTo(DeviceType.MOBILE);
                                assertThat(e.positionMs()).isEqualTo(15 * MINUTE);
                                assertThat(e.lastWatchedAt()).isEqualTo(switchAt + 5 * MINUTE + 1);
                            });
            int writes = h.writes().size();

            PlaybackEvent lateFromTv =
                    event(
                            USER,
                            MOVIE,
                            "tv",
                            DeviceType.TV,
                            PlaybackEventType.STOP,
                            switchAt + 2 * MINUTE,
                            12 * MINUTE,
                            "tv-late");
            h.play(List.of(lateFromTv));
            h.watermark(T0 + 25 * MINUTE);

            assertThat(h.writes()).hasSize(writes);
        }
    }

    @Test
    void shortSamplingNeverEntersAndLeavesNoState() throws Exception {
        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(SETTINGS)) {
            h.play(session(MOVIE, "p1", T0, 0, 90_000));
            h.play(session(episode(1, 2), "p2", T0 + 5 * MINUTE, 0, 60_000));
            h.watermark(T0 + 10 * MINUTE);
            assertThat(h.writes()).isEmpty();

            h.watermark(T0 + 10 * MINUTE + MAX_AGE);

            assertThat(h.writes()).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void entriesExpireAfterTheMaximumAgeWithMatchingCassandraTtl() throws Exception {
        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(SETTINGS)) {
            h.play(session("film-a", "p1", T0, 0, 3 * MINUTE));
            h.play(session("film-b", "p2", T0 + 60 * MINUTE, 0, 3 * MINUTE));
            h.watermark(T0 + 70 * MINUTE);
            ContinueWatchingRowUpdate both = h.writes().get(h.writes().size() - 1);
            assertThat(titleIds(both.entries())).containsExactly("film-b", "film-a");
            long bLast = T0 + 63 * MINUTE + 1;
            assertThat(both.ttlSeconds())
                    .isEqualTo((int) ((bLast + MAX_AGE - both.asOf() + 999) / 1000));

            h.watermark(T0 + 3 * MINUTE + 1 + MAX_AGE);
            ContinueWatchingRowUpdate onlyB = h.writes().get(h.writes().size() - 1);
            assertThat(titleIds(onlyB.entries())).containsExactly("film-b");
            assertThat(onlyB.writeTimestampMicros()).isGreaterThan(both.writeTimestampMicros());
            assertThat(onlyB.asOf() + onlyB.ttlSeconds() * 1000L)
                    .isBetween(bLast + MAX_AGE - 999, bLast + MAX_AGE);
            int writes = h.writes().size();

            h.watermark(bLast + MAX_AGE);

            assertThat(h.writes()).hasSize(writes);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void heartbeatsAreCoalescedButPauseAndStopAreWrittenAtOnce() throws Exception {
        ContinueWatchingSettings everyMinute =
                new ContinueWatchingSettings(0.95, 2 * MINUTE, 20, MAX_AGE, MINUTE);
        List<PlaybackEvent> events = session(MOVIE, "p1", T0, 0, 10 * MINUTE);
        PlaybackEvent pause = pauseAfterFiveMinutes();
        events.add(pause);
        events.sort(PlaybackOrder.EVENTS);

        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(everyMinute)) {
            for (PlaybackEvent e : events) {
                h.play(List.of(e));
                h.watermark(e.eventTime());
            }
            h.watermark(T0 + 20 * MINUTE);

            List<ContinueWatchingRowUpdate> writes = h.writes();
            long heartbeats =
                    events.stream().filter(e -> e.type() == PlaybackEventType.HEARTBEAT).count();
            assertThat(writes.size())
                    .isLessThanOrEqualTo((int) heartbeats / 2)
                    .isGreaterThanOrEqualTo(9);
            assertThat(writes).anySatisfy(w -> assertThat(w.asOf()).isEqualTo(pause.eventTime()));
            assertThat(writes.get(writes.size() - 1).entries().get(0).positionMs())
                    .isEqualTo(10 * MINUTE);
            for (int i = 1; i < writes.size(); i++) {
                assertThat(writes.get(i).writeTimestampMicros())
                        .isGreaterThan(writes.get(i - 1).writeTimestampMicros());
                boolean urgent =
                        writes.get(i).asOf() == pause.eventTime() || i == writes.size() - 1;
                if (!urgent) {
                    assertThat(writes.get(i).asOf() - writes.get(i - 1).asOf())
                            .isGreaterThanOrEqualTo(MINUTE);
                }
            }
        }
    }

    @Test
    void rowsAreWrittenAsEventsArriveAndTheWatermarkAddsNoWrite() throws Exception {
        List<PlaybackEvent> events =
                session(
                        USER,
                        MOVIE,
                        "p1",
                        DeviceType.TV,
                        T0,
                        0,
                        10 * MINUTE,
                        PlaybackEventType.PAUSE);
        PlaybackEvent pause = events.get(events.size() - 1);

        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(SETTINGS)) {
            h.watermark(T0 - 1);
            h.play(events); // the watermark never moves: every write is ahead of it
            List<ContinueWatchingRowUpdate> ahead = h.writes();

            assertThat(ahead).hasSizeGreaterThan(1);
            assertThat(ahead.get(ahead.size() - 1).asOf()).isEqualTo(pause.eventTime());
            assertThat(lastRow(h))
                    .singleElement()
                    .satisfies(
                            e -> {
                                assertThat(e.positionMs()).isEqualTo(10 * MINUTE);
                                assertThat(e.lastWatchedAt()).isEqualTo(pause.eventTime());
                            });
            for (int i = 1; i < ahead.size() - 1; i++) { // bookmark-only writes stay coalesced
                assertThat(ahead.get(i).asOf() - ahead.get(i - 1).asOf())
                        .isGreaterThanOrEqualTo(SETTINGS.flushIntervalMs());
            }

            h.watermark(T0 + 20 * MINUTE);

            assertThat(h.writes()).hasSize(ahead.size());
            assertThat(h.numEventTimeTimers()).isEqualTo(1); // the expiry timer
        }
    }

    @Test
    void aMemberHoldsOneStateValueAndOneApplyTimerWhateverWaits() throws Exception {
        List<PlaybackEvent> events = session(MOVIE, "p1", T0, 0, 10 * MINUTE);
        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(SETTINGS)) {
            h.watermark(T0 - 1);
            h.play(events);

            assertThat(events).hasSizeGreaterThan(10);
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            assertThat(h.numEventTimeTimers()).isEqualTo(1); // at the earliest waiting event

            h.watermark(T0 + 5 * MINUTE);

            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            assertThat(h.numEventTimeTimers()).isEqualTo(2); // the next waiting event, expiry

            h.watermark(T0 + 20 * MINUTE);

            assertThat(h.numEventTimeTimers()).isEqualTo(1); // the expiry timer
        }
    }

    @Test
    void aWatchingMemberIsSettledByItsNextEventNotByTheApplyTimer() throws Exception {
        List<PlaybackEvent> events = session(MOVIE, "p1", T0, 0, 10 * MINUTE);
        PlaybackEvent third = events.get(2);
        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(SETTINGS)) {
            h.watermark(T0 - 1);
            h.play(events.subList(0, 2));
            h.watermark(events.get(1).eventTime()); // passes both, not the settle delay

            ContinueWatchingState waiting = h.state(USER);
            assertThat(waiting.pending).as("no timer settled them").hasSize(2);
            assertThat(waiting.row).isNull();
            assertThat(waiting.applyTimerAt)
                    .isEqualTo(T0 + ContinueWatchingFunction.DEFAULT_SETTLE_DELAY_MS);

            h.play(List.of(third));

            ContinueWatchingState settled = h.state(USER);
            assertThat(settled.pending).as("settled on arrival").containsExactly(third);
            assertThat(settled.row).isNotNull();
            assertThat(settled.applyTimerAt)
                    .isEqualTo(
                            third.eventTime() + ContinueWatchingFunction.DEFAULT_SETTLE_DELAY_MS);
            assertThat(h.numEventTimeTimers()).isEqualTo(2); // that apply timer, the expiry

            h.play(events.subList(3, events.size()));
            h.watermark(events.get(events.size() - 1).eventTime() + 3 * MINUTE);

            assertThat(h.state(USER).pending).as("the last ones by the timer").isEmpty();
            assertThat(h.numEventTimeTimers()).isEqualTo(1); // the expiry timer
        }
    }

    @Test
    void backlogEventsSettleAtTheWatermark() throws Exception {
        List<PlaybackEvent> events = session(MOVIE, "p1", T0, 0, 10 * MINUTE);
        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(SETTINGS)) {
            h.harness.setProcessingTime(T0 + 60 * MINUTE); // the events are an hour old
            h.watermark(T0 - 1);
            h.play(events.subList(0, 2));

            assertThat(h.state(USER).applyTimerAt).isEqualTo(T0);
            h.watermark(events.get(1).eventTime());
            assertThat(h.state(USER).pending).as("settled by the timer").isEmpty();
        }
    }

    @Test
    void afterARestoreAMemberSettlesAtTheWatermarkUntilThisRunHasWrittenItsRow() throws Exception {
        List<PlaybackEvent> second = session(MOVIE, "p2", T0 + 30 * MINUTE, 5 * MINUTE, MINUTE);
        OperatorSubtaskState snapshot;
        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(SETTINGS)) {
            h.play(session(MOVIE, "p1", T0, 0, 5 * MINUTE));
            h.watermark(T0 + 20 * MINUTE);
            snapshot = h.snapshot();
        }
        try (ContinueWatchingHarness restored =
                ContinueWatchingHarness.restore(SETTINGS, snapshot)) {
            restored.play(second.subList(0, 1));
            assertThat(restored.state(USER).applyTimerAt)
                    .as("the first settle of this run rewrites the row")
                    .isEqualTo(second.get(0).eventTime());
            assertThat(restored.writes()).isEmpty();

            restored.watermark(second.get(0).eventTime());
            assertThat(restored.writes()).hasSize(1);

            restored.play(second.subList(1, 2));
            assertThat(restored.state(USER).applyTimerAt)
                    .isEqualTo(
                            second.get(1).eventTime()
                                    + ContinueWatchingFunction.DEFAULT_SETTLE_DELAY_MS);
        }
    }

    @Test
    void settlingOnArrivalWritesWhatSettlingAtTheWatermarkWrites() throws Exception {
        List<PlaybackEvent> events = session(MOVIE, "p1", T0, 0, 10 * MINUTE);
        events.add(pauseAfterFiveMinutes());
        events.addAll(session(episode(1, 1), "p2", T0 + 40 * MINUTE, 0, 6 * MINUTE));
        Collections.shuffle(events.subList(5, 15), new Random(7)); // out of order within a minute
        List<List<ContinueWatchingRowUpdate>> writes = new ArrayList<>();
        for (long delay : new long[] {0, ContinueWatchingFunction.DEFAULT_SETTLE_DELAY_MS}) {
            try (ContinueWatchingHarness h =
                    ContinueWatchingHarness.openWithSettleDelay(SETTINGS, delay)) {
                h.watermark(T0 - 1);
                for (PlaybackEvent event : events) {
                    h.play(List.of(event));
                    h.watermark(event.eventTime() - MINUTE);
                }
                h.watermark(T0 + 60 * MINUTE);
                writes.add(h.writes());
                assertThat(h.numEventTimeTimers()).as("expiry only").isEqualTo(1);
            }
        }
        assertThat(writes.get(0)).hasSizeGreaterThan(3);
        assertThat(writes.get(1)).isEqualTo(writes.get(0));
    }

    @Test
    void aSettleBehindTheWrittenAheadEventsNeverWritesTheRowBack() throws Exception {
        PlaybackEvent pause = pauseAfterFiveMinutes();
        List<PlaybackEvent> events = session(MOVIE, "p1", T0, 0, 10 * MINUTE);
        events.add(pause);
        events.sort(PlaybackOrder.EVENTS);
        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(SETTINGS)) {
            h.watermark(T0 - 1);
            h.play(events);
            int ahead = h.writes().size();
            long aheadPosition = lastRow(h).get(0).positionMs();

            h.watermark(pause.eventTime()); // settles the pause; later events still wait

            assertThat(h.writes()).as("nothing new to show").hasSize(ahead);
            assertThat(lastRow(h).get(0).positionMs()).isEqualTo(aheadPosition);
        }
    }

    @Test
    void aCoalescedLiveChangeIsWrittenWhenTheIntervalPassesInProcessingTime() throws Exception {
        List<PlaybackEvent> watched =
                session(USER, MOVIE, "p1", DeviceType.TV, T0, 0, 3 * MINUTE, null);
        PlaybackEvent last = watched.get(watched.size() - 1);
        PlaybackEvent seek =
                movieOnTv(PlaybackEventType.SEEK, last.eventTime() + 2_000, 50 * MINUTE, "p1-seek");
        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(SETTINGS)) {
            h.watermark(T0 - 1); // the watermark never moves: only processing time does
            h.harness.setProcessingTime(T0);
            h.play(watched);
            h.harness.setProcessingTime(seek.eventTime());
            h.play(List.of(seek));
            int writes = h.writes().size();
            assertThat(lastRow(h).get(0).positionMs())
                    .as("the seek is coalesced")
                    .isNotEqualTo(seek.positionMs());

            h.harness.setProcessingTime(last.eventTime() + SETTINGS.flushIntervalMs() - 1);
            assertThat(h.writes()).hasSize(writes);

            h.harness.setProcessingTime(last.eventTime() + SETTINGS.flushIntervalMs());
            assertThat(h.writes()).hasSize(writes + 1);
            ContinueWatchingRowUpdate flushed = h.writes().get(writes);
            assertThat(flushed.asOf()).isEqualTo(last.eventTime() + SETTINGS.flushIntervalMs());
            assertThat(flushed.entries().get(0).positionMs()).isEqualTo(seek.positionMs());
            assertThat(h.harness.numProcessingTimeTimers()).isZero();

            h.watermark(seek.eventTime() + MINUTE);
            assertThat(h.writes()).as("the settle finds it written").hasSize(writes + 1);
        }
    }

    @Test
    void aBacklogEventArmsNoProcessingTimeFlush() throws Exception {
        List<PlaybackEvent> watched =
                session(USER, MOVIE, "p1", DeviceType.TV, T0, 0, 3 * MINUTE, null);
        PlaybackEvent last = watched.get(watched.size() - 1);
        List<PlaybackEvent> events = new ArrayList<>(watched);
        events.add(
                movieOnTv(
                        PlaybackEventType.SEEK, last.eventTime() + 2_000, 50 * MINUTE, "p1-seek"));
        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(SETTINGS)) {
            h.harness.setProcessingTime(T0 + 60 * MINUTE); // the events are an hour old
            h.play(events);
            int writes = h.writes().size();

            assertThat(h.harness.numProcessingTimeTimers()).isZero();
            h.watermark(last.eventTime() + SETTINGS.flushIntervalMs());
            assertThat(h.writes()).as("the settle's flush writes it").hasSize(writes + 1);
        }
    }

    @Test
    void theExpiryTimerDoesNotFollowEveryViewingYetTheRowExpiresOnTime() throws Exception {
        long secondViewing = T0 + 30 * MINUTE;
        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(SETTINGS)) {
            h.play(session(MOVIE, "p1", T0, 0, 10 * MINUTE));
            h.watermark(T0 + 20 * MINUTE);
            h.play(session(MOVIE, "p2", secondViewing, 10 * MINUTE, 20 * MINUTE));
            h.watermark(secondViewing + 30 * MINUTE);
            List<ContinueWatchingEntry> row = lastRow(h);
            int writes = h.writes().size();
            assertThat(h.numEventTimeTimers()).isEqualTo(1);

            // The first viewing's expiry timer fires early: nothing expires, nothing is written.
            h.watermark(T0 + 10 * MINUTE + MAX_AGE);

            assertThat(h.writes()).hasSize(writes);
            assertThat(lastRow(h)).isEqualTo(row);
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);

            h.watermark(secondViewing + 30 * MINUTE + MAX_AGE);

            assertThat(h.writes()).hasSize(writes);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void withoutWriteAheadRowsWaitForTheWatermark() throws Exception {
        List<PlaybackEvent> events =
                session(
                        USER,
                        MOVIE,
                        "p1",
                        DeviceType.TV,
                        T0,
                        0,
                        10 * MINUTE,
                        PlaybackEventType.PAUSE);

        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(SETTINGS, false)) {
            h.watermark(T0 - 1);
            h.play(events);
            assertThat(h.writes()).isEmpty();

            h.watermark(T0 + 20 * MINUTE);

            assertThat(lastRow(h))
                    .singleElement()
                    .satisfies(e -> assertThat(e.positionMs()).isEqualTo(10 * MINUTE));
        }
    }

    @Test
    void aLateEventWaitsWithTheEventsWrittenAheadSoNoRowGoesBack() throws Exception {
        List<PlaybackEvent> filmB = session("film-b", "b1", T0 - 20 * MINUTE, 0, 10 * MINUTE);
        List<PlaybackEvent> movie = session(MOVIE, "p1", T0, 0, 5 * MINUTE);
        PlaybackEvent aheadOfWatermark =
                movieOnTv(PlaybackEventType.HEARTBEAT, T0 + 7 * MINUTE, 7 * MINUTE, "p1-ahead");
        PlaybackEvent latePause =
                event(
                        USER,
                        "film-b",
                        "b2",
                        DeviceType.TV,
                        PlaybackEventType.PAUSE,
                        T0 + 4 * MINUTE,
                        11 * MINUTE,
                        "b2-pause");

        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(SETTINGS)) {
            h.play(filmB);
            h.play(movie);
            h.watermark(T0 + 5 * MINUTE);
            h.play(List.of(aheadOfWatermark));
            int before = h.writes().size();
            assertThat(positionOf(MOVIE, lastRow(h))).isEqualTo(7 * MINUTE);

            h.play(List.of(latePause)); // behind the watermark, urgent

            List<ContinueWatchingRowUpdate> writes = h.writes();
            assertThat(writes).hasSize(before + 1);
            assertThat(positionOf(MOVIE, lastRow(h))).isEqualTo(7 * MINUTE);
            assertThat(positionOf("film-b", lastRow(h))).isEqualTo(11 * MINUTE);

            h.watermark(T0 + 10 * MINUTE);

            assertThat(h.writes()).hasSize(before + 1);
        }
    }

    private static long positionOf(String titleId, List<ContinueWatchingEntry> row) {
        return row.stream()
                .filter(e -> e.titleId().equals(titleId))
                .findFirst()
                .orElseThrow()
                .positionMs();
    }

    @Test
    void theNewestCatalogVersionWinsWhateverTheArrivalOrder() throws Exception {
        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(SETTINGS)) {
            CatalogRecord base = movie(MOVIE, 120 * MINUTE);
            CatalogRecord newer = withRuntime(base, 100 * MINUTE, base.updatedAt() + 2);
            CatalogRecord older = withRuntime(base, 80 * MINUTE, base.updatedAt() + 1);
            h.harness.processBroadcastElement(newer, newer.updatedAt());
            h.harness.processBroadcastElement(older, older.updatedAt());

            h.play(session(MOVIE, "p1", T0, 0, 3 * MINUTE));
            h.watermark(T0 + 5 * MINUTE);

            assertThat(lastRow(h).get(0).runtimeMs()).isEqualTo(100 * MINUTE);
        }
    }

    @Test
    void aRestoredOperatorContinuesWhereItLeftOff() throws Exception {
        List<PlaybackEvent> first = session(episode(1, 1), "p1", T0, 0, 20 * MINUTE);
        List<PlaybackEvent> second =
                session(episode(1, 1), "p2", T0 + 30 * MINUTE, 20 * MINUTE, 19 * MINUTE);
        OperatorSubtaskState snapshot;
        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(SETTINGS)) {
            h.play(first);
            h.play(second.subList(0, 3));
            h.watermark(T0 + 25 * MINUTE);
            snapshot = h.snapshot();
        }
        try (ContinueWatchingHarness restored =
                ContinueWatchingHarness.restore(SETTINGS, snapshot)) {
            restored.play(second.subList(3, second.size()));
            restored.watermark(T0 + 60 * MINUTE);

            assertThat(lastRow(restored))
                    .singleElement()
                    .satisfies(
                            e -> {
                                assertThat(e.titleId()).isEqualTo(episode(1, 2));
                                assertThat(e.positionMs()).isZero();
                            });
        }
    }

    @Test
    void aRestoredOperatorRewritesARowThatAWriteOfTheFailedRunMayHaveChanged() throws Exception {
        List<PlaybackEvent> rewatch = session(MOVIE, "p4", T0 + 80 * MINUTE, MINUTE, 3 * MINUTE);
        List<PlaybackEvent> completeAgain =
                session(MOVIE, "p5", T0 + 92 * MINUTE, 110 * MINUTE, 6 * MINUTE);
        OperatorSubtaskState checkpoint;
        long failedRunWrite;
        try (ContinueWatchingHarness failedRun = ContinueWatchingHarness.open(SETTINGS)) {
            failedRun.play(session(MOVIE, "p1", T0, 100 * MINUTE, 10 * MINUTE));
            failedRun.watermark(T0 + 11 * MINUTE);
            failedRun.play(session(MOVIE, "p2", T0 + 20 * MINUTE, 110 * MINUTE, 6 * MINUTE));
            failedRun.watermark(T0 + 30 * MINUTE);
            assertThat(lastRow(failedRun)).isEmpty(); // completed: the row is empty
            checkpoint = failedRun.snapshot();
            // after the checkpoint: a rewatch puts the movie back, and that row reaches Cassandra
            failedRun.play(rewatch);
            failedRun.watermark(T0 + 90 * MINUTE);
            assertThat(titleIds(lastRow(failedRun))).containsExactly(MOVIE);
            List<ContinueWatchingRowUpdate> writes = failedRun.writes(); // then the run fails
            failedRunWrite = writes.get(writes.size() - 1).writeTimestampMicros();
        }
        try (ContinueWatchingHarness restored =
                ContinueWatchingHarness.restore(SETTINGS, checkpoint)) {
            // the replay settles both sessions at once, back to the checkpointed (empty) row
            restored.play(rewatch);
            restored.play(completeAgain);
            restored.watermark(T0 + 100 * MINUTE);

            assertThat(restored.writes()).hasSize(1);
            ContinueWatchingRowUpdate update = restored.writes().get(0);
            assertThat(update.entries()).isEmpty();
            assertThat(update.writeTimestampMicros()).isGreaterThan(failedRunWrite);

            // the next unchanged settle of the same run writes nothing
            restored.play(session(MOVIE, "p6", T0 + 110 * MINUTE, 0, MINUTE));
            restored.watermark(T0 + 120 * MINUTE);
            assertThat(restored.writes()).hasSize(1);
        }
    }

    @Test
    void theEndOfABoundedInputWritesPendingRowsAndExpiresNothing() throws Exception {
        ContinueWatchingSettings everyMinute =
                new ContinueWatchingSettings(0.95, 2 * MINUTE, 20, MAX_AGE, MINUTE);
        try (ContinueWatchingHarness h = ContinueWatchingHarness.open(everyMinute)) {
            h.play(session(USER, "film-a", "p1", DeviceType.TV, T0, 0, 3 * MINUTE, null));
            h.play(
                    session(
                            USER,
                            MOVIE,
                            "p2",
                            DeviceType.WEB,
                            T0 + 10 * MINUTE,
                            0,
                            3 * MINUTE,
                            null));
            h.watermark(T0 + 10 * MINUTE + 2 * MINUTE + 40_000);

            h.watermark(Long.MAX_VALUE);

            assertThat(lastRow(h))
                    .extracting(ContinueWatchingEntry::titleId, ContinueWatchingEntry::positionMs)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(MOVIE, 3 * MINUTE),
                            org.assertj.core.groups.Tuple.tuple("film-a", 3 * MINUTE));
        }
    }

    private static CatalogRecord withRuntime(CatalogRecord r, long runtime, long updatedAt) {
        return new CatalogRecord(
                r.v(),
                r.titleId(),
                r.name(),
                r.kind(),
                r.seriesId(),
                r.season(),
                r.episode(),
                runtime,
                r.creditsOffsetMs(),
                r.genres(),
                updatedAt);
    }

    private static List<ContinueWatchingEntry> lastRow(ContinueWatchingHarness h) {
        List<ContinueWatchingRowUpdate> writes = h.writes();
        assertThat(writes).isNotEmpty();
        return writes.get(writes.size() - 1).entries();
    }

    /** An event of playback "p1" of the movie on the TV. */
    private static PlaybackEvent movieOnTv(
            PlaybackEventType type, long time, long positionMs, String eventId) {
        return event(USER, MOVIE, "p1", DeviceType.TV, type, time, positionMs, eventId);
    }

    /** A pause of playback "p1" of the movie, 5 minutes 10 seconds in. */
    private static PlaybackEvent pauseAfterFiveMinutes() {
        return movieOnTv(
                PlaybackEventType.PAUSE, T0 + 5 * MINUTE + 10_000, 5 * MINUTE + 10_000, "p1-pause");
    }
}
