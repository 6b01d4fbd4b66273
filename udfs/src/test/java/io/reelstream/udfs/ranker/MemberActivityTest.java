package io.reelstream.udfs.ranker;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MemberActivityTest {

    private static final double COMPLETION = 0.9;

    /** One interaction of the generated history. */
    private record Play(int show, float weight, float progress, boolean episode, long time) {}

    @Test
    void matchesANaiveReplayOfTheWholeHistoryOnShuffledInput() {
        Random random = new Random(17);
        for (int round = 0; round < 200; round++) {
            List<Play> plays = new ArrayList<>();
            int n = 1 + random.nextInt(40);
            for (int i = 0; i < n; i++) {
                int show = random.nextInt(8);
                float weight = random.nextInt(5) == 0 ? -0.3f : 1f + 2 * random.nextFloat();
                float progress = random.nextInt(4) == 0 ? 1f : random.nextFloat();
                // Distinct times: the newest play of a show is well defined.
                plays.add(new Play(show, weight, progress, show % 2 == 0, 1_000L * i + round));
            }
            Collections.shuffle(plays, random);
            MemberActivity<Integer> activity = new MemberActivity<>(64, 8);
            for (Play p : plays) {
                activity.learn(p.show, p.weight, p.progress, p.episode, p.time, COMPLETION);
            }

            List<Play> expected = naiveInProgress(plays);
            assertThat(activity.inProgressCount()).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(activity.inProgressShow(i)).isEqualTo(expected.get(i).show);
                assertThat(activity.progress(i)).isEqualTo(expected.get(i).progress);
                assertThat(activity.watchedAt(i)).isEqualTo(expected.get(i).time);
            }
            Play newest = plays.stream().max(Comparator.comparingLong(Play::time)).orElseThrow();
            assertThat(activity.lastWeight()).isEqualTo(newest.weight);
            long from = 1_000L * random.nextInt(n + 1);
            assertThat(activity.playsSince(from))
                    .isEqualTo(plays.stream().filter(p -> p.weight > 0 && p.time >= from).count());
        }
    }

    /**
     * Per show its newest play; in progress if positive and not a completed movie; newest first.
     */
    private static List<Play> naiveInProgress(List<Play> plays) {
        Map<Integer, Play> newest = new HashMap<>();
        for (Play p : plays) {
            newest.merge(p.show, p, (a, b) -> a.time >= b.time ? a : b);
        }
        List<Play> open = new ArrayList<>();
        for (Play p : newest.values()) {
            boolean finishedMovie = !p.episode && p.progress >= COMPLETION;
            if (p.weight > 0 && !finishedMovie) {
                open.add(p);
            }
        }
        open.sort(Comparator.comparingLong(Play::time).reversed());
        return open;
    }

    @Test
    void keepsTheMostRecentlyWatchedShowsWhenFull() {
        MemberActivity<String> activity = new MemberActivity<>(4, 2);
        activity.learn("a", 1f, 0.2f, false, 10, COMPLETION);
        activity.learn("b", 1f, 0.2f, false, 20, COMPLETION);
        activity.learn("c", 1f, 0.2f, false, 30, COMPLETION);
        activity.learn("old", 1f, 0.2f, false, 5, COMPLETION);

        assertThat(activity.inProgressCount()).isEqualTo(2);
        assertThat(activity.inProgressShow(0)).isEqualTo("c");
        assertThat(activity.inProgressShow(1)).isEqualTo("b");
        assertThat(activity.lastWatched("a")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void anOlderPlayArrivingLateChangesNoShow() {
        MemberActivity<String> activity = new MemberActivity<>(4, 4);
        activity.learn("movie", 1.5f, 0.5f, false, 100, COMPLETION);
        activity.learn("movie", 3f, 1f, false, 50, COMPLETION); // an earlier viewing, completed

        assertThat(activity.inProgressShow(0)).isEqualTo("movie");
        assertThat(activity.progress(0)).isEqualTo(0.5f);
        assertThat(activity.lastWeight()).isEqualTo(1.5f);
    }

    @Test
    void aShowEndedByItsNewestPlayIsNotReopenedByAnOlderOne() {
        MemberActivity<String> activity = new MemberActivity<>(4, 4);
        activity.learn("movie", -0.3f, 0.01f, false, 100, COMPLETION); // abandoned, arrives first
        activity.learn("movie", 1.5f, 0.5f, false, 50, COMPLETION);

        assertThat(activity.inProgressCount()).isZero();
        assertThat(activity.closedCount()).isEqualTo(1);
    }

    @Test
    void aCompletedEpisodeKeepsTheSeriesInProgressAndACompletedMovieEndsIt() {
        MemberActivity<String> activity = new MemberActivity<>(4, 4);
        activity.learn("series", 3f, 1f, true, 10, COMPLETION);
        activity.learn("movie", 1.2f, 0.3f, false, 20, COMPLETION);
        activity.learn("movie", 3f, 0.95f, false, 30, COMPLETION);

        assertThat(activity.inProgressCount()).isEqualTo(1);
        assertThat(activity.inProgressShow(0)).isEqualTo("series");
    }
}
