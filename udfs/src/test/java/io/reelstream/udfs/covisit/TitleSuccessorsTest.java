package io.reelstream.udfs.covisit;

import io.reelstream.udfs.mf.TopNSelector;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TitleSuccessorsTest {

    private static final long HOUR = 3_600_000L;
    private static final long HALF_LIFE = 10 * HOUR;

    @Test
    void topListsTheSuccessorsByProbabilityAtAnyLaterTime() {
        Random random = new Random(3);
        TitleSuccessors successors = new TitleSuccessors(100, HALF_LIFE);
        for (int n = 0; n < 500; n++) {
            int to = random.nextInt(3) == 0 ? random.nextInt(40) : random.nextInt(4);
            successors.learn(to, random.nextInt(1_000) * 60_000L); // out of order
        }
        TopNSelector selector = new TopNSelector(10);
        int count = successors.top(selector, new int[100], new float[100]);

        assertThat(count).isEqualTo(10);
        long later = successors.outgoingAsOf() + 30 * HOUR;
        double previous = 1.0;
        for (int r = 0; r < count; r++) {
            double p = successors.probability(selector.row(r), later);
            assertThat((double) selector.score(r)).isCloseTo(p, within(1e-6));
            assertThat(p).isLessThanOrEqualTo(previous + 1e-9);
            previous = p;
        }
        double below = 0;
        for (int to = 0; to < 40; to++) {
            boolean listed = false;
            for (int r = 0; r < count; r++) {
                listed |= selector.row(r) == to;
            }
            if (!listed) {
                below = Math.max(below, successors.probability(to, later));
            }
        }
        assertThat(below).isLessThanOrEqualTo(selector.score(count - 1) + 1e-6);
    }

    @Test
    void aRestoredCopyGivesTheSameProbabilities() {
        TitleSuccessors original = new TitleSuccessors(8, HALF_LIFE);
        for (int n = 0; n < 60; n++) {
            original.learn(n % 11, (n * 37 % 60) * 60_000L);
        }
        TitleSuccessors restored = new TitleSuccessors(8, HALF_LIFE);
        restored.restoreOutgoing(original.outgoing(), original.outgoingAsOf());
        for (int slot = 0; slot < original.slots(); slot++) {
            if (original.key(slot) >= 0) {
                restored.restoreSuccessor(
                        original.key(slot), original.value(slot), original.asOf(slot));
            }
        }

        assertThat(restored.size()).isEqualTo(original.size()).isEqualTo(8);
        long now = 2 * HOUR;
        for (int to = 0; to < 11; to++) {
            assertThat(restored.probability(to, now))
                    .isCloseTo(original.probability(to, now), within(1e-12));
        }
    }

    @Test
    void knowsNothingBeforeItsFirstSuccessor() {
        TitleSuccessors none = new TitleSuccessors(4, HALF_LIFE);

        assertThat(none.probability(1, 0L)).isZero();
        assertThat(none.top(new TopNSelector(4), new int[4], new float[4])).isZero();
    }
}
