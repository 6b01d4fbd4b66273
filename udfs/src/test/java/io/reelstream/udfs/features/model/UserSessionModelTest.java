package io.reelstream.udfs.features.model;

import io.reelstream.schemas.features.UserFeatureVector;
import io.reelstream.udfs.features.ActivityFixtures;
import io.reelstream.udfs.features.ActivityFixtures.Arrival;
import io.reelstream.udfs.features.NaiveUserSessionFeatures;
import io.reelstream.udfs.features.UserActivity;
import io.reelstream.udfs.features.UserSessionState;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.reelstream.udfs.features.ActivityFixtures.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sliced model against the naive reference on generated out-of-order streams: after every
 * arrival and every fired decay timer, the model's vector equals the vector recomputed from the raw
 * list of accepted activities.
 */
class UserSessionModelTest {

    private static final long BOUND_MS = 2 * MINUTE;
    private static final long LATENESS_MS = 5 * MINUTE;
    private static final GenreLookup GENRES =
            title ->
                    Map.of(
                                    "title-1", List.of("drama"),
                                    "title-2", List.of("comedy", "drama"),
                                    "title-3", List.of("kids"),
                                    "title-4", List.of("documentary"))
                            .get(title);

    @Test
    void shouldMatchNaiveReferenceOnOutOfOrderStreams() throws Exception {
        int comparisons = 0;
        int mismatches = 0;
        int late = 0;
        int cleared = 0;
        for (long seed = 1; seed <= 12; seed++) {
            Replay replay = new Replay("user-" + seed);
            for (Arrival arrival :
                    ActivityFixtures.stream(seed, "user-" + seed, BOUND_MS, 30 * MINUTE)) {
                replay.arrive(arrival);
            }
            replay.drain();
            comparisons += replay.comparisons;
            mismatches += replay.mismatches;
            late += replay.late;
            cleared += replay.cleared;
            assertThat(replay.lateButNotPlanted).isZero();
            assertThat(replay.store.timeline()).isNull();
        }
        assertThat(mismatches).isZero();
        assertThat(comparisons).isGreaterThan(10_000);
        assertThat(late).isPositive();
        assertThat(cleared).isGreaterThanOrEqualTo(12);
    }

    @Test
    void shouldKeepStateBoundedBySliceCount() throws Exception {
        Replay replay = new Replay("user-bounded");
        int maxSlices = 0;
        for (Arrival arrival : ActivityFixtures.stream(99, "user-bounded", BOUND_MS, 30 * MINUTE)) {
            replay.arrive(arrival);
            for (int i = 0; i < UserSessionFeatureSet.WINDOWS.size(); i++) {
                int held = replay.store.sliceCount(i);
                assertThat(held)
                        .isLessThanOrEqualTo(UserSessionFeatureSet.WINDOWS.get(i).sliceCount() + 1);
                maxSlices = Math.max(maxSlices, held);
            }
        }
        assertThat(maxSlices).isGreaterThan(10);
    }

    /** Drives the model like the Flink function does: arrivals, watermarks, decay timers. */
    private static final class Replay {
        final String user;
        final UserSessionModel model = new UserSessionModel(LATENESS_MS);
        final UserSessionState store = new UserSessionState();
        final List<UserActivity> accepted = new ArrayList<>();
        final TreeSet<Long> timers = new TreeSet<>();
        long maxSeen = Long.MIN_VALUE;
        long watermark = Long.MIN_VALUE;
        int comparisons;
        int mismatches;
        int late;
        int cleared;
        int lateButNotPlanted;

        Replay(String user) {
            this.user = user;
        }

        void arrive(Arrival arrival) throws Exception {
            UserActivity a = arrival.activity();
            boolean isLate = model.isLate(a.eventTime, watermark);
            if (isLate && !arrival.planted()) {
                lateButNotPlanted++;
            }
            if (isLate) {
                late++;
            } else {
                model.accept(store, a);
                accepted.add(a);
                for (long t : model.decayTimes(a.eventTime)) {
                    timers.add(t);
                }
                compare();
            }
            maxSeen = Math.max(maxSeen, a.eventTime);
            advanceWatermark(maxSeen - BOUND_MS - 1);
        }

        void drain() throws Exception {
            advanceWatermark(Long.MAX_VALUE);
        }

        private void advanceWatermark(long to) throws Exception {
            watermark = Math.max(watermark, to);
            while (!timers.isEmpty() && timers.first() <= watermark) {
                long timer = timers.pollFirst();
                boolean changed = model.advance(store, timer, watermark);
                if (store.timeline() == null) {
                    continue;
                }
                if (changed) {
                    compare();
                }
                if (model.isEmpty(store)) {
                    store.clear();
                    cleared++;
                }
            }
        }

        private void compare() throws Exception {
            UserFeatureVector actual = model.emit(store, user, GENRES);
            UserFeatureVector expected =
                    NaiveUserSessionFeatures.vector(
                            user, accepted, actual.asOf, actual.revision, GENRES);
            comparisons++;
            if (!actual.equals(expected)) {
                if (mismatches < 5) {
                    System.err.println("expected " + expected + "\n  actual " + actual);
                }
                mismatches++;
            }
        }
    }
}
