package io.reelstream.udfs.mf;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DecayedPopularityTest {

    private static final long HALF_LIFE = 3_600_000L;
    private static final long T0 = 1_780_000_000_000L;

    record Event(int row, double weight, long time) {}

    @Test
    void matchesANaiveDecayedSumOnOutOfOrderEvents() {
        Random random = new Random(9);
        List<Event> events = new ArrayList<>();
        for (int n = 0; n < 3000; n++) {
            events.add(
                    new Event(
                            random.nextInt(40),
                            0.5 + random.nextDouble(),
                            T0 + random.nextInt(36_000_000)));
        }
        Collections.shuffle(events, random);
        DecayedPopularity popularity = new DecayedPopularity(HALF_LIFE);
        events.forEach(e -> popularity.add(e.row(), e.weight(), e.time()));
        long now = T0 + 40_000_000L;

        for (int row = 0; row < 40; row++) {
            double naive = 0;
            for (Event e : events) {
                if (e.row() == row) {
                    naive += e.weight() * Math.pow(2, -(double) (now - e.time()) / HALF_LIFE);
                }
            }
            assertThat(popularity.valueAt(row, now)).isCloseTo(naive, within(1e-9 + naive * 1e-9));
        }
    }

    @Test
    void recentActivityOutranksOlderLargerActivity() {
        DecayedPopularity popularity = new DecayedPopularity(HALF_LIFE);
        for (int n = 0; n < 100; n++) {
            popularity.add(0, 1, T0); // old blockbuster
        }
        for (int n = 0; n < 10; n++) {
            popularity.add(1, 1, T0 + 10 * HALF_LIFE); // trending now
        }
        TopNSelector selector = new TopNSelector(2);

        popularity.topDecayed(selector, T0 + 10 * HALF_LIFE, 2);
        assertThat(selector.row(0)).isEqualTo(1);

        popularity.topCounted(selector, 2);
        assertThat(selector.row(0)).isEqualTo(0);
        assertThat(popularity.count(0)).isEqualTo(100f);
    }
}
