package io.reelstream.udfs.covisit;

import io.reelstream.udfs.covisit.NaiveCovisitation.Event;
import io.reelstream.udfs.covisit.NaiveCovisitation.Scored;
import io.reelstream.udfs.mf.TopNSelector;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CovisitLearnerTest {

    private static final long T0 = 1_780_000_000_000L;
    private static final long DAY = 86_400_000L;
    private static final CovisitParams UNBOUNDED =
            new CovisitParams(7 * DAY, 20, 1_000, 1_000, 0.0);

    @Test
    void pairsFormOnlyWithinTheMembersWindow() {
        CovisitLearner learner = new CovisitLearner(UNBOUNDED.withWindow(2));
        learner.learn(0, 10, 1f, T0);
        learner.learn(0, 11, 1f, T0 + 1);
        learner.learn(0, 12, 1f, T0 + 2); // window [10, 11]: pairs with both
        learner.learn(0, 13, 1f, T0 + 3); // window [11, 12]: 10 has left

        assertThat(learner.count(12, 10)).isPositive();
        assertThat(learner.count(13, 12)).isPositive();
        assertThat(learner.count(13, 11)).isPositive();
        assertThat(learner.count(13, 10)).isZero();
        assertThat(learner.count(10, 13)).isZero();
        assertThat(learner.recent(0)).containsExactly(13, 12);
    }

    @Test
    void repeatsMoveATitleToTheNewestPositionWithoutCounting() {
        CovisitLearner learner = new CovisitLearner(UNBOUNDED);
        learner.learn(0, 1, 1f, T0);
        learner.learn(0, 2, 1f, T0);
        double before = learner.count(1, 2);

        assertThat(learner.learn(0, 1, 1f, T0)).isFalse();
        assertThat(learner.learn(0, 2, 3f, T0)).isFalse();
        learner.learn(0, 1, 1f, T0);

        assertThat(learner.count(1, 2)).isEqualTo(before).isEqualTo(1.0);
        assertThat(learner.itemCount(1)).isEqualTo(1.0);
        assertThat(learner.recent(0)).containsExactly(1, 2);
    }

    @Test
    void aLaterRepeatDatesTheTitleAndItsCountForward() {
        long halfLife = UNBOUNDED.halfLifeMs();
        CovisitLearner learner = new CovisitLearner(UNBOUNDED);
        learner.learn(0, 1, 1f, T0);
        learner.learn(1, 1, 1f, T0);
        learner.learn(0, 1, 1f, T0 + 4 * halfLife); // member 0's 1 in n(1) moves to T0 + 4h
        learner.learn(0, 1, 1f, T0 + halfLife); // an earlier repeat arriving late: no change
        learner.learn(0, 2, 1f, T0 + 4 * halfLife); // the pair is dated T0 + 4h, not T0

        assertThat(learner.itemCount(1)).isCloseTo(1 + 1.0 / 16, within(1e-12));
        assertThat(learner.count(1, 2)).isCloseTo(1.0, within(1e-12));
        assertThat(learner.similarity(1, 2)).isCloseTo(1 / Math.sqrt(1 + 1.0 / 16), within(1e-12));
        assertThat(learner.similarity(2, 1)).isEqualTo(learner.similarity(1, 2));
    }

    @Test
    void nonPositiveWeightsAreIgnoredButMoveTheClock() {
        CovisitLearner learner = new CovisitLearner(UNBOUNDED);
        learner.learn(0, 1, 1f, T0);
        assertThat(learner.learn(0, 2, -0.3f, T0 + DAY)).isFalse();
        assertThat(learner.learn(0, 3, 0f, T0 + DAY)).isFalse();

        assertThat(learner.recent(0)).containsExactly(1);
        assertThat(learner.count(1, 2)).isZero();
        assertThat(learner.clock()).isEqualTo(T0 + DAY);
    }

    @Test
    void aPairCountsAtTheEarlierOfItsTwoTimes() {
        long halfLife = UNBOUNDED.halfLifeMs();
        CovisitLearner learner = new CovisitLearner(UNBOUNDED);
        learner.learn(0, 1, 1f, T0);
        learner.learn(0, 2, 1f, T0 + halfLife);

        // At the clock (T0 + h): n(1) = 0.5, n(2) = 1, c(1, 2) = 0.5 (counted at T0, not T0 + h).
        assertThat(learner.itemCount(1)).isCloseTo(0.5, within(1e-12));
        assertThat(learner.count(1, 2)).isCloseTo(0.5, within(1e-12));
        assertThat(learner.count(2, 1)).isCloseTo(0.5, within(1e-12));
        assertThat(learner.similarity(1, 2)).isCloseTo(0.5 / Math.sqrt(0.5), within(1e-12));
    }

    @Test
    void lateAndAncientEventsNeverGiveNegativeOrNaNWeights() {
        CovisitLearner learner = new CovisitLearner(UNBOUNDED.withHalfLifeMs(DAY));
        learner.learn(0, 1, 1f, T0);
        learner.learn(0, 2, 1f, T0);
        learner.learn(1, 1, 1f, T0 - 3_650 * DAY); // ten years late: underflows to 0
        learner.learn(1, 3, 1f, T0 - 3_650 * DAY);
        learner.learn(2, 4, 1f, Long.MIN_VALUE / 2); // absurd timestamps stay finite
        learner.learn(2, 5, 1f, Long.MIN_VALUE / 2);

        assertThat(learner.clock()).isEqualTo(T0);
        for (int t = 0; t < learner.titles(); t++) {
            assertThat(learner.itemCount(t)).isNotNaN().isGreaterThanOrEqualTo(0.0);
            for (int s = 0; s < learner.titles(); s++) {
                double sim = learner.similarity(t, s);
                assertThat(sim).as("sim(%d, %d)", t, s).isNotNaN().isBetween(0.0, 1.0 + 1e-12);
            }
        }
        assertThat(learner.count(1, 3)).isZero(); // decayed away at the clock
        assertThat(learner.similarity(1, 3)).isZero(); // 2^-1825 next to the fresh n(1)
        // A ratio: two titles only ever watched together stay similar however old (no 0/0).
        assertThat(learner.similarity(4, 5)).isEqualTo(1.0);
        assertThat(learner.similarity(1, 2)).isCloseTo(1.0, within(1e-12));

        int[] rows = new int[UNBOUNDED.neighbours()];
        float[] sims = new float[UNBOUNDED.neighbours()];
        assertThat(learner.neighbours(3, rows, sims)).isZero();
    }

    @Test
    void arrivalOrderDoesNotMatterWhenTheWindowHoldsTheHistory() {
        List<Event> events = distinctTitlesLog(new Random(5));
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(Event::time));
        CovisitLearner inOrder = learn(UNBOUNDED.withWindow(50), sorted);
        CovisitLearner shuffled = learn(UNBOUNDED.withWindow(50), events);

        assertThat(shuffled.clock()).isEqualTo(inOrder.clock());
        int nonZero = 0;
        for (int t = 0; t < inOrder.titles(); t++) {
            assertThat(shuffled.itemCount(t))
                    .isCloseTo(inOrder.itemCount(t), within(1e-9 * (1 + inOrder.itemCount(t))));
            for (int s = 0; s < inOrder.titles(); s++) {
                double expected = inOrder.similarity(t, s);
                nonZero += expected > 0 ? 1 : 0;
                assertThat(shuffled.similarity(t, s)).isCloseTo(expected, within(1e-9));
            }
        }
        assertThat(nonZero).isGreaterThan(200);
    }

    @Test
    void matchesTheNaiveReferenceOnOutOfOrderInput() {
        for (CovisitParams params :
                List.of(
                        UNBOUNDED,
                        UNBOUNDED.withWindow(3),
                        UNBOUNDED.withRecencyHalfLife(2.0),
                        UNBOUNDED.withWindow(4).withHalfLifeMs(DAY))) {
            List<Event> events = clusteredLog(new Random(params.window()), true);
            CovisitLearner learner = learn(params, events);
            NaiveCovisitation naive = new NaiveCovisitation(params, events);
            int titles = learner.titles();

            int pairs = 0;
            for (int t = 0; t < titles; t++) {
                assertThat(learner.itemCount(t))
                        .isCloseTo(naive.itemCount(t), within(1e-9 * (1 + naive.itemCount(t))));
                for (int s = 0; s < titles; s++) {
                    double expected = naive.similarity(t, s);
                    pairs += expected > 0 ? 1 : 0;
                    assertThat(learner.similarity(t, s))
                            .as("%s sim(%d, %d)", params, t, s)
                            .isCloseTo(expected, within(1e-9));
                }
            }
            assertThat(pairs).as("pairs with a similarity").isGreaterThan(300);
            assertSameRecommendations(learner, naive, titles, params);
        }
    }

    @Test
    void keepsOnlyTheKMostSimilarNeighboursPerTitle() {
        CovisitParams params = UNBOUNDED.withNeighbours(3).withCandidates(1_000);
        List<Event> events = clusteredLog(new Random(17), true);
        CovisitLearner learner = learn(params, events);
        NaiveCovisitation naive = new NaiveCovisitation(params, events);
        int[] rows = new int[3];
        float[] sims = new float[3];

        for (int t = 0; t < learner.titles(); t++) {
            int count = learner.neighbours(t, rows, sims);
            List<Scored> expected = naive.neighbours(t, learner.titles());
            assertThat(count).isEqualTo(expected.size()).isLessThanOrEqualTo(3);
            for (int r = 0; r < count; r++) {
                assertThat(sims[r]).isCloseTo(expected.get(r).score(), within(1e-6f));
            }
        }
        assertSameRecommendations(learner, naive, learner.titles(), params);
    }

    @Test
    void boundedCandidatesKeepTheStrongPairAndEvictOneOffs() {
        // 300 members each watch 1 (B) then 0 (A), then 6 titles nobody else watches: B is one in
        // 7 of A's pairs, more than 1 in 8 (the capacity), so it recurs before it is pushed out.
        CovisitParams params = UNBOUNDED.withNeighbours(4).withCandidates(8);
        CovisitLearner learner = new CovisitLearner(params);
        List<Event> events = new ArrayList<>();
        int unique = 2;
        for (int m = 0; m < 300; m++) {
            long start = T0 + m * 600_000L;
            events.add(new Event(m, 1, 1f, start));
            events.add(new Event(m, 0, 1f, start + 1));
            for (int n = 0; n < 6; n++) {
                events.add(new Event(m, unique++, 1f, start + 2 + n));
            }
        }
        events.forEach(e -> learner.learn(e.member(), e.title(), e.weight(), e.time()));
        NaiveCovisitation naive = new NaiveCovisitation(params, events);

        for (int t = 0; t < learner.titles(); t++) {
            assertThat(learner.candidateCount(t)).isLessThanOrEqualTo(8);
        }
        assertThat(learner.evictions(0)).isGreaterThan(1_000);
        assertThat(learner.candidateCount(0)).isEqualTo(8);
        assertThat(learner.count(0, 1)).isCloseTo(naive.count(0, 1), within(1e-9));
        assertThat(learner.count(0, 1)).isGreaterThan(100.0);
        int[] rows = new int[4];
        float[] sims = new float[4];
        assertThat(learner.neighbours(0, rows, sims)).isEqualTo(4);
        assertThat(rows[0]).isEqualTo(1);
        assertThat((double) sims[0]).isCloseTo(naive.similarity(0, 1), within(1e-6));
        // The other held candidates of A are the latest member's one-offs (newest = strongest).
        assertThat(learner.count(0, unique - 1)).isPositive();
        assertThat(learner.count(0, 2)).isZero();
    }

    @Test
    void recommendsNeighboursOfRecentTitlesExcludingOwnAndExcludedTitles() {
        CovisitLearner learner = new CovisitLearner(UNBOUNDED);
        for (int m = 1; m <= 5; m++) {
            learner.learn(m, 1, 1f, T0 + m);
            learner.learn(m, 2, 1f, T0 + m);
            learner.learn(m, 3, 1f, T0 + m);
        }
        learner.learn(6, 1, 1f, T0);
        learner.learn(6, 4, 1f, T0);
        learner.learn(0, 1, 1f, T0 + 10);
        TopNSelector selector = new TopNSelector(10);

        int count = learner.recommend(0, selector, 10);

        assertThat(count).isEqualTo(3);
        assertThat(selector.row(0)).isIn(2, 3);
        assertThat(selector.row(2)).isEqualTo(4);
        assertThat(selector.score(2)).isLessThan(selector.score(0));
        assertThat(selector.contains(1)).isFalse();

        selector.exclude(2);
        assertThat(learner.recommend(0, selector, 10)).isEqualTo(2);
        assertThat(selector.contains(2)).isFalse();
        assertThat(learner.recommend(99, selector, 10)).isZero();
    }

    @Test
    void recencyWeightsFavourTheNeighboursOfTheNewestTitle() {
        CovisitLearner uniform = new CovisitLearner(UNBOUNDED);
        CovisitLearner recency = new CovisitLearner(UNBOUNDED.withRecencyHalfLife(1.0));
        for (CovisitLearner learner : List.of(uniform, recency)) {
            for (int m = 1; m <= 2; m++) {
                learner.learn(m, 10, 1f, T0); // sim(10, 11) = 2 / sqrt(3 * 2) with member 0
                learner.learn(m, 11, 1f, T0);
            }
            for (int m = 3; m <= 5; m++) {
                learner.learn(m, 20, 1f, T0); // sim(20, 21) = 3 / sqrt(4 * 3): stronger
                learner.learn(m, 21, 1f, T0);
            }
            learner.learn(0, 20, 1f, T0); // member 0: 20, then 10 (newest)
            learner.learn(0, 10, 1f, T0);
        }
        TopNSelector selector = new TopNSelector(2);

        uniform.recommend(0, selector, 2);
        assertThat(selector.row(0)).isEqualTo(21);
        recency.recommend(0, selector, 2);
        assertThat(selector.row(0)).isEqualTo(11);
    }

    private static void assertSameRecommendations(
            CovisitLearner learner, NaiveCovisitation naive, int titles, CovisitParams params) {
        TopNSelector selector = new TopNSelector(10);
        int compared = 0;
        for (int member = 0; member < 80; member++) {
            Set<Integer> excluded = new HashSet<>();
            if (member % 3 == 0) {
                excluded.add(member % titles);
                selector.exclude(member % titles);
            }
            int count = learner.recommend(member, selector, 10);
            List<Scored> expected = naive.recommend(member, excluded, 10, titles);
            assertThat(count).as("%s member %d", params, member).isEqualTo(expected.size());
            for (int r = 0; r < count; r++) {
                float score = expected.get(r).score();
                assertThat(selector.score(r)).isCloseTo(score, within(1e-5f * (1 + score)));
                int row = selector.row(r);
                if (row != expected.get(r).row()) {
                    // Only a near-tie may swap two rows.
                    assertThat(naive.recommend(member, excluded, titles, titles))
                            .anySatisfy(
                                    s -> {
                                        assertThat(s.row()).isEqualTo(row);
                                        assertThat(s.score()).isCloseTo(score, within(1e-5f));
                                    });
                }
            }
            compared += count;
            selector.clearAllExclusions();
        }
        assertThat(compared).isGreaterThan(300);
    }

    private static CovisitLearner learn(CovisitParams params, List<Event> events) {
        CovisitLearner learner = new CovisitLearner(params);
        events.forEach(e -> learner.learn(e.member(), e.title(), e.weight(), e.time()));
        return learner;
    }

    /**
     * 80 members in 4 taste clusters over 48 titles, 3 to 30 events each over 60 days, repeats, a
     * tenth weak negatives; shuffled (out of order) if asked.
     */
    private static List<Event> clusteredLog(Random random, boolean shuffle) {
        List<Event> events = new ArrayList<>();
        for (int m = 0; m < 80; m++) {
            int cluster = m % 4;
            int n = 3 + random.nextInt(28);
            for (int i = 0; i < n; i++) {
                int title =
                        random.nextDouble() < 0.8
                                ? cluster * 12 + (int) (12 * Math.pow(random.nextDouble(), 2))
                                : random.nextInt(48);
                float weight = random.nextDouble() < 0.1 ? -0.3f : 1f + random.nextInt(3);
                events.add(
                        new Event(m, title, weight, T0 + (long) (random.nextDouble() * 60 * DAY)));
            }
        }
        if (shuffle) {
            Collections.shuffle(events, random);
        }
        return events;
    }

    /** Like {@link #clusteredLog} but each member's titles are distinct and positive, shuffled. */
    private static List<Event> distinctTitlesLog(Random random) {
        List<Event> events = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Event e : clusteredLog(random, true)) {
            if (seen.add(((long) e.member() << 32) | e.title())) {
                events.add(new Event(e.member(), e.title(), 1f, e.time()));
            }
        }
        return events;
    }
}
