package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.udfs.continuewatching.model.ContinueWatchingSettings;
import io.reelstream.udfs.continuewatching.model.InMemoryCatalog;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.MINUTE;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.applySorted;
import static io.reelstream.udfs.continuewatching.ContinueWatchingFixtures.catalogIndex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incremental model and the operator, fed generated out-of-order viewing, agree with the naive
 * reference.
 */
class ContinueWatchingReferenceTest {

    private static final long MAX_DELAY = 2 * MINUTE;
    private final InMemoryCatalog catalog = catalogIndex();

    @Test
    void modelAgreesWithTheNaiveReferenceOnGeneratedViewing() {
        ContinueWatchingSettings settings = ContinueWatchingSettings.DEFAULTS;
        int nonEmpty = 0;
        for (long seed = 1; seed <= 300; seed++) {
            List<PlaybackEvent> events = GeneratedViewing.events(seed, 1, 12);
            long now = lastEventTime(events) + 1;
            List<ContinueWatchingEntry> expected =
                    ContinueWatchingReference.row(events, catalog, settings, now);

            ContinueWatchingRow model =
                    applySorted(
                            GeneratedViewing.arrivalOrder(events, seed, MAX_DELAY),
                            catalog,
                            settings);

            assertThat(model.entries(settings)).as("seed %s", seed).isEqualTo(expected);
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).as("generated data exercises non-empty rows").isGreaterThan(200);
    }

    @Test
    void modelAgreesWithTheReferenceWithASmallCapAndShortMinimum() {
        ContinueWatchingSettings settings =
                new ContinueWatchingSettings(
                        0.9, MINUTE, 3, ContinueWatchingSettings.DEFAULTS.maxAgeMs(), 0);
        for (long seed = 1; seed <= 200; seed++) {
            List<PlaybackEvent> events = GeneratedViewing.events(seed, 1, 20);
            long now = lastEventTime(events) + 1;

            assertThat(applySorted(events, catalog, settings).entries(settings))
                    .as("seed %s", seed)
                    .isEqualTo(ContinueWatchingReference.row(events, catalog, settings, now));
        }
    }

    @Test
    void operatorFedOutOfOrderWritesTheReferenceRowOfEveryUser() throws Exception {
        ContinueWatchingSettings settings = ContinueWatchingSettings.DEFAULTS;
        for (long seed = 1; seed <= 4; seed++) {
            List<PlaybackEvent> events = GeneratedViewing.events(seed, 8, 12);
            long end = lastEventTime(events) + MINUTE;
            // settled when the watermark passes the events (0) or on the next arrival (default)
            long settleDelay = seed % 2 == 0 ? 0 : ContinueWatchingFunction.DEFAULT_SETTLE_DELAY_MS;
            try (ContinueWatchingHarness h =
                    ContinueWatchingHarness.openWithSettleDelay(settings, settleDelay)) {
                long maxSeen = Long.MIN_VALUE;
                int n = 0;
                for (PlaybackEvent event : GeneratedViewing.arrivalOrder(events, seed, MAX_DELAY)) {
                    h.play(List.of(event));
                    maxSeen = Math.max(maxSeen, event.eventTime());
                    if (++n % 7 == 0) {
                        h.watermark(maxSeen - MAX_DELAY);
                    }
                }
                h.watermark(end);

                Map<String, List<ContinueWatchingEntry>> expected = new HashMap<>();
                for (Map.Entry<String, List<PlaybackEvent>> user : byUser(events).entrySet()) {
                    List<ContinueWatchingEntry> row =
                            ContinueWatchingReference.row(user.getValue(), catalog, settings, end);
                    if (!row.isEmpty() || h.lastRows().containsKey(user.getKey())) {
                        expected.put(user.getKey(), row);
                    }
                }
                assertThat(h.lastRows()).as("seed %s", seed).isEqualTo(expected);
                // Up to 2 minutes of random delay: rows written ahead of the watermark from the
                // events that had arrived are corrected when the late ones settle.
                assertThat(h.writes().size()).isLessThan(events.size() / 2);
            }
        }
    }

    static long lastEventTime(List<PlaybackEvent> events) {
        long last = Long.MIN_VALUE;
        for (PlaybackEvent event : events) {
            last = Math.max(last, event.eventTime());
        }
        return last;
    }

    static Map<String, List<PlaybackEvent>> byUser(List<PlaybackEvent> events) {
        Map<String, List<PlaybackEvent>> byUser = new HashMap<>();
        for (PlaybackEvent event : events) {
            byUser.computeIfAbsent(event.userId(), u -> new ArrayList<>()).add(event);
        }
        return byUser;
    }
}
