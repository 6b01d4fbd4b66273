package io.reelstream.udfs.covisit;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NeighbourMapTest {

    private static final long H = 3_600_000L;
    private static final long T0 = 1_780_000_000_000L;

    @Test
    void aFullMapReplacesItsWeakestOnlyWithAStrictlyStrongerNewcomer() {
        NeighbourMap map = new NeighbourMap(2);
        map.add(7, 3.0, T0, H);
        map.add(8, 1.0, T0, H);
        map.add(9, 2.0, T0, H); // evicts 8 (1.0)
        map.add(10, 2.0, T0, H); // ties with the weakest (9, 2.0): dropped

        assertThat(map.size()).isEqualTo(2);
        assertThat(map.get(7, T0, H)).isEqualTo(3.0);
        assertThat(map.get(9, T0, H)).isEqualTo(2.0);
        assertThat(map.get(8, T0, H)).isZero();
        assertThat(map.get(10, T0, H)).isZero();
        assertThat(map.evictions()).isEqualTo(2);

        // Two half-lives later 3.0 and 2.0 are worth 0.75 and 0.5: a fresh 0.6 replaces 9.
        map.add(11, 0.6, T0 + 2 * H, H);
        assertThat(map.get(11, T0 + 2 * H, H)).isEqualTo(0.6);
        assertThat(map.get(9, T0 + 2 * H, H)).isZero();
        assertThat(map.get(7, T0 + 2 * H, H)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void agreesWithANaiveMapUnderRandomAddsAndEvictions() {
        Random random = new Random(3);
        for (int capacity : new int[] {1, 3, 16, 50}) {
            NeighbourMap map = new NeighbourMap(capacity);
            Map<Integer, double[]> naive = new HashMap<>(); // key -> {value at now}
            long now = T0;
            for (int op = 0; op < 20_000; op++) {
                int key = random.nextInt(4 * capacity + 5);
                double weight = 0.1 + random.nextDouble();
                long time = now - random.nextInt((int) (3 * H)); // up to 3 half-lives late
                if (random.nextInt(10) == 0) {
                    long step = random.nextInt((int) H);
                    now += step;
                    naive.values().forEach(v -> v[0] *= Math.pow(2, -(double) step / H));
                }
                map.add(key, weight, time, H);
                naiveAdd(naive, capacity, key, weight * Math.pow(2, -(double) (now - time) / H));

                assertThat(map.size()).isEqualTo(naive.size()).isLessThanOrEqualTo(capacity);
                if (op % 97 == 0) {
                    for (int k = 0; k < 4 * capacity + 5; k++) {
                        double expected = naive.containsKey(k) ? naive.get(k)[0] : 0.0;
                        assertThat(map.get(k, now, H))
                                .as("capacity %d op %d key %d", capacity, op, k)
                                .isCloseTo(expected, within(1e-9 * (1 + expected)));
                    }
                }
            }
            int held = 0;
            for (int slot = 0; slot < map.slots(); slot++) {
                held += map.key(slot) >= 0 ? 1 : 0;
            }
            assertThat(held).isEqualTo(map.size());
            assertThat(map.slots()).isLessThanOrEqualTo(4 * capacity);
        }
    }

    /** Same policy, spelled out: weakest (ties: higher key) replaced by a strictly stronger one. */
    private static void naiveAdd(Map<Integer, double[]> map, int capacity, int key, double value) {
        if (map.containsKey(key)) {
            map.get(key)[0] += value;
            return;
        }
        if (map.size() == capacity) {
            int weakest = -1;
            for (Map.Entry<Integer, double[]> e : map.entrySet()) {
                double v = e.getValue()[0];
                if (weakest < 0
                        || v < map.get(weakest)[0]
                        || (v == map.get(weakest)[0] && e.getKey() > weakest)) {
                    weakest = e.getKey();
                }
            }
            if (!(value > map.get(weakest)[0])) {
                return;
            }
            map.remove(weakest);
        }
        map.put(key, new double[] {value});
    }
}
