package io.reelstream.udfs.recs;

import io.reelstream.udfs.covisit.CovisitLearner;
import io.reelstream.udfs.covisit.CovisitParams;
import io.reelstream.udfs.covisit.CovisitWindow;
import io.reelstream.udfs.mf.MfHyperparameters;
import io.reelstream.udfs.recs.model.ItemReplica;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The job's distributed co-visitation (member windows → {@link CovisitMessage}s → {@link
 * TitleCovisit} per show, state written and read back after every message) against the replay's
 * {@link CovisitLearner} on the same out-of-order log: once every title side has heard the current
 * n(s) of its candidates, both give the same neighbours and similarities.
 */
class DistributedCovisitationTest {

    private static final long T0 = 1_780_000_000_000L;
    private static final long DAY = 86_400_000L;

    record Event(int member, int title, float weight, long time) {}

    @Test
    void shouldFindTheLearnersNeighboursWhenNeighbourCountsAreCurrent() {
        CovisitParams unbounded = new CovisitParams(7 * DAY, 20, 1_000, 1_000, 0.0);
        for (CovisitParams params :
                List.of(unbounded, unbounded.withWindow(4).withHalfLifeMs(DAY))) {
            List<Event> events = clusteredLog(new Random(params.window()));
            CovisitLearner learner = new CovisitLearner(params);
            events.forEach(e -> learner.learn(e.member(), e.title(), e.weight(), e.time()));
            Map<String, TitleCovisitState> titles = distributed(params, events);
            hearCurrentCounts(params, titles);

            int compared = 0;
            for (int t = 0; t < learner.titles(); t++) {
                TitleCovisit title = TitleCovisit.restore(params, titles.get(id(t)));
                assertThat(title.count() * decay(title.countAsOf(), learner.clock(), params))
                        .isCloseTo(learner.itemCount(t), within(1e-9 * (1 + learner.itemCount(t))));
                SimilarList top = title.top();
                Map<String, Float> expected = learnerNeighbours(learner, t, params);
                assertThat(top.size())
                        .as("%s neighbours of %d", params, t)
                        .isEqualTo(expected.size());
                for (int r = 0; r < top.size(); r++) {
                    assertThat(expected).containsKey(top.neighbours()[r]);
                    assertThat(top.similarities()[r])
                            .isCloseTo(expected.get(top.neighbours()[r]), within(1e-6f));
                }
                compared += top.size();
            }
            assertThat(compared).as("similar pairs compared").isGreaterThan(300);
        }
    }

    @Test
    void shouldKeepTheTopKOfTheLearnerByScore() {
        CovisitParams params = new CovisitParams(7 * DAY, 20, 3, 1_000, 0.0);
        List<Event> events = clusteredLog(new Random(3));
        CovisitLearner learner = new CovisitLearner(params);
        events.forEach(e -> learner.learn(e.member(), e.title(), e.weight(), e.time()));
        Map<String, TitleCovisitState> titles = distributed(params, events);
        hearCurrentCounts(params, titles);
        int[] rows = new int[3];
        float[] sims = new float[3];

        for (int t = 0; t < learner.titles(); t++) {
            SimilarList top = TitleCovisit.restore(params, titles.get(id(t))).top();
            int count = learner.neighbours(t, rows, sims);
            assertThat(top.size()).isEqualTo(count);
            for (int r = 0; r < count; r++) {
                assertThat(top.similarities()[r]).isCloseTo(sims[r], within(1e-6f));
            }
        }
    }

    /** Member windows send messages; each show's state is read, changed and written per message. */
    private static Map<String, TitleCovisitState> distributed(
            CovisitParams params, List<Event> events) {
        Map<String, TitleCovisitState> titles = new HashMap<>();
        ItemReplica emptyReplica = new ItemReplica(MfHyperparameters.defaults().withK(4));
        CovisitMessages messages =
                new CovisitMessages(
                        emptyReplica,
                        m -> {
                            TitleCovisit title =
                                    TitleCovisit.restore(params, titles.get(m.showId()));
                            title.apply(m);
                            titles.put(m.showId(), title.toState(SimilarList.EMPTY));
                        });
        Map<Integer, CovisitWindow<String>> windows = new HashMap<>();
        for (Event e : events) {
            CovisitWindow<String> window =
                    windows.computeIfAbsent(e.member(), m -> new CovisitWindow<>(params.window()));
            messages.learn(window, id(e.title()), e.weight(), e.time());
        }
        return titles;
    }

    /** Every title side hears the current n(s) of each candidate, as a fresh replica would say. */
    private static void hearCurrentCounts(
            CovisitParams params, Map<String, TitleCovisitState> titles) {
        for (Map.Entry<String, TitleCovisitState> entry : titles.entrySet()) {
            TitleCovisit title = TitleCovisit.restore(params, entry.getValue());
            for (String s : entry.getValue().neighbours()) {
                TitleCovisitState other = titles.get(s);
                title.hear(s, other.count(), other.countAsOf(), Long.MAX_VALUE);
            }
            entry.setValue(title.toState(SimilarList.EMPTY));
        }
    }

    private static Map<String, Float> learnerNeighbours(
            CovisitLearner learner, int t, CovisitParams params) {
        int[] rows = new int[params.neighbours()];
        float[] sims = new float[params.neighbours()];
        int count = learner.neighbours(t, rows, sims);
        Map<String, Float> out = new HashMap<>();
        for (int r = 0; r < count; r++) {
            out.put(id(rows[r]), sims[r]);
        }
        return out;
    }

    private static double decay(long asOf, long now, CovisitParams params) {
        return Math.pow(2.0, -(double) (now - asOf) / params.halfLifeMs());
    }

    private static String id(int title) {
        return "show-" + title;
    }

    /**
     * 80 members in 4 taste clusters over 48 titles, 3 to 30 events each over 60 days, repeats, a
     * tenth weak negatives; shuffled (out of order).
     */
    private static List<Event> clusteredLog(Random random) {
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
        Collections.shuffle(events, random);
        return events;
    }
}
