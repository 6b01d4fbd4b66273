package io.reelstream.udfs.covisit;

import io.reelstream.udfs.covisit.CovisitCandidates.Scored;
import io.reelstream.udfs.mf.TopNSelector;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CovisitCandidatesTest {

    private static final long T0 = 1_780_000_000_000L;
    private static final long DAY = 86_400_000L;

    @Test
    void shouldScoreLikeTheLearnerFromPublishedNeighbourLists() {
        for (CovisitParams params :
                List.of(
                        new CovisitParams(7 * DAY, 20, 10, 1_000, 0.0),
                        new CovisitParams(7 * DAY, 5, 10, 1_000, 2.0))) {
            CovisitLearner learner = new CovisitLearner(params);
            Random random = new Random(11);
            for (int e = 0; e < 900; e++) {
                int member = random.nextInt(60);
                int title = (member % 3) * 30 + (int) (30 * Math.pow(random.nextDouble(), 2));
                learner.learn(member, title, 1f, T0 + random.nextInt(30) * DAY);
            }
            Lists lists = new Lists(learner, params);
            CovisitCandidates candidates = new CovisitCandidates(params);
            TopNSelector selector = new TopNSelector(10);
            int compared = 0;

            for (int member = 0; member < 60; member++) {
                int count = learner.recommend(member, selector, 10);
                List<Scored> scored =
                        candidates.candidates(windowOf(learner, member), lists, Set.of(), 10);
                assertThat(scored).hasSize(count);
                for (int r = 0; r < count; r++) {
                    assertThat(scored.get(r).score())
                            .isCloseTo(selector.score(r), within(1e-5f * (1 + selector.score(r))));
                }
                compared += count;
            }
            assertThat(compared).isGreaterThan(100);
        }
    }

    @Test
    void shouldSkipWindowAndSeenTitlesAndSumVotes() {
        CovisitParams params = new CovisitParams(7 * DAY, 20, 2, 4, 0.0);
        CovisitWindow<String> window =
                CovisitWindow.restore(20, new String[] {"a", "b"}, new long[] {T0, T0});
        Map<String, String[]> neighbours =
                Map.of("a", new String[] {"b", "c", "d"}, "b", new String[] {"c", "e"});
        Map<String, float[]> sims =
                Map.of("a", new float[] {0.9f, 0.5f, 0.4f}, "b", new float[] {0.25f, 0.3f});
        CovisitCandidates.NeighbourLists lists =
                new CovisitCandidates.NeighbourLists() {
                    @Override
                    public String[] neighboursOf(String title) {
                        return neighbours.getOrDefault(title, new String[0]);
                    }

                    @Override
                    public float[] similaritiesOf(String title) {
                        return sims.getOrDefault(title, new float[0]);
                    }
                };

        List<Scored> scored =
                new CovisitCandidates(params).candidates(window, lists, Set.of("e"), 5);

        // b is in the window, d is a's third neighbour (K = 2), e was seen
        assertThat(scored).containsExactly(new Scored("c", 0.75f));
        assertThat(new CovisitCandidates(params).candidates(window, lists, Set.of(), 1))
                .containsExactly(new Scored("c", 0.75f));
    }

    private static CovisitWindow<String> windowOf(CovisitLearner learner, int member) {
        int[] recent = learner.recent(member);
        String[] oldestFirst = new String[recent.length];
        for (int p = 0; p < recent.length; p++) {
            oldestFirst[recent.length - 1 - p] = String.valueOf(recent[p]);
        }
        return CovisitWindow.restore(
                learner.params().window(), oldestFirst, new long[recent.length]);
    }

    /** The learner's top-K lists, as the replica would publish them. */
    private static final class Lists implements CovisitCandidates.NeighbourLists {
        private final Map<String, String[]> ids = new HashMap<>();
        private final Map<String, float[]> sims = new HashMap<>();

        Lists(CovisitLearner learner, CovisitParams params) {
            int[] rows = new int[params.neighbours()];
            float[] values = new float[params.neighbours()];
            for (int t = 0; t < learner.titles(); t++) {
                int count = learner.neighbours(t, rows, values);
                String[] names = new String[count];
                for (int r = 0; r < count; r++) {
                    names[r] = String.valueOf(rows[r]);
                }
                ids.put(String.valueOf(t), names);
                sims.put(String.valueOf(t), java.util.Arrays.copyOf(values, count));
            }
        }

        @Override
        public String[] neighboursOf(String title) {
            return ids.getOrDefault(title, new String[0]);
        }

        @Override
        public float[] similaritiesOf(String title) {
            return sims.getOrDefault(title, new float[0]);
        }
    }
}
