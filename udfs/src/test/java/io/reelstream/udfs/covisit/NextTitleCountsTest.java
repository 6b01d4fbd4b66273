package io.reelstream.udfs.covisit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NextTitleCountsTest {

    private static final long HOUR = 3_600_000L;
    private static final long HALF_LIFE = 10 * HOUR;

    record Step(int from, int to, long time) {}

    @Test
    void givesTheDecayedShareOfWhatFollowedATitleWhateverTheArrivalOrder() {
        Random random = new Random(5);
        List<Step> steps = new ArrayList<>();
        for (int n = 0; n < 2_000; n++) {
            int from = random.nextInt(6);
            int to = from + 1 + (random.nextInt(4) == 0 ? random.nextInt(8) : 0);
            steps.add(new Step(from, to, n * 60_000L));
        }
        Collections.shuffle(steps, random);
        NextTitleCounts counts = new NextTitleCounts(100, HALF_LIFE);
        for (Step s : steps) {
            counts.learn(s.from(), s.to(), s.time());
        }
        long now = 2_000 * 60_000L;

        for (int from = 0; from < 6; from++) {
            for (int to = 0; to < 16; to++) {
                assertThat(counts.probability(from, to, now))
                        .as("%d -> %d", from, to)
                        .isCloseTo(naive(steps, from, to, now), within(1e-9));
            }
        }
        assertThat(counts.probability(0, 1, now)).isGreaterThan(0.5);
    }

    @Test
    void ignoresSelfLoopsAndKnowsNothingOfUnseenTitles() {
        NextTitleCounts counts = new NextTitleCounts(4, HALF_LIFE);
        counts.learn(3, 3, 0L);
        counts.learn(-1, 2, 0L);

        assertThat(counts.probability(3, 3, 0L)).isZero();
        assertThat(counts.probability(99, 1, 0L)).isZero();
    }

    private static double naive(List<Step> steps, int from, int to, long now) {
        double hit = 0;
        double all = 0;
        for (Step s : steps) {
            if (s.from() == from) {
                double w = Math.pow(2, -(double) (now - s.time()) / HALF_LIFE);
                all += w;
                hit += s.to() == to ? w : 0;
            }
        }
        return all == 0 ? 0 : hit / all;
    }
}
