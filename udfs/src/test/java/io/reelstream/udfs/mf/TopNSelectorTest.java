package io.reelstream.udfs.mf;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TopNSelectorTest {

    @Test
    void selectsTheSameRowsAsANaiveSortWithExclusions() {
        SplittableRandom random = new SplittableRandom(5);
        int k = 8;
        FactorMatrix items = new FactorMatrix(k, 4);
        for (int i = 0; i < 700; i++) {
            float[] v = new float[k];
            for (int f = 0; f < k; f++) {
                v[f] = (float) random.nextGaussian();
            }
            items.put("t" + i, v, (float) random.nextGaussian() * 0.1f);
        }
        TopNSelector selector = new TopNSelector(50);
        for (int trial = 0; trial < 20; trial++) {
            float[] query = new float[k];
            for (int f = 0; f < k; f++) {
                query[f] = (float) random.nextGaussian();
            }
            Set<Integer> excluded = new HashSet<>();
            for (int e = 0; e < trial * 3; e++) {
                excluded.add(random.nextInt(700));
            }
            excluded.forEach(selector::exclude);
            int n = 1 + random.nextInt(50);

            int count = selector.select(query, 0, items, n);

            List<Integer> expected = naiveTop(query, items, excluded, n);
            assertThat(count).isEqualTo(n);
            for (int r = 0; r < count; r++) {
                assertThat(selector.row(r)).isEqualTo(expected.get(r));
            }
            for (int r = 1; r < count; r++) {
                assertThat(selector.score(r)).isLessThanOrEqualTo(selector.score(r - 1));
            }
            excluded.forEach(selector::clearExclusionOf);
        }
    }

    @Test
    void seesRowsMarkedChangedAndScoresMoreRowsThanOneBlock() {
        int k = 5; // not a multiple of the 4-column pass
        int rows = 2_500; // more than one scoring block
        FactorMatrix items = new FactorMatrix(k, 16);
        for (int i = 0; i < rows; i++) {
            items.put("t" + i, new float[] {0.01f * (i % 7), 0f, 0f, 0f, 0f}, 0f);
        }
        TopNSelector selector = new TopNSelector(3);
        float[] query = {1f, 1f, 1f, 1f, 1f};
        selector.select(query, 0, items, 3);
        assertThat(selector.row(0)).isEqualTo(6); // 0.06, first row of the best group

        int late = rows - 1;
        items.factors()[late * k + 4] = 5f; // written directly, as the learner does
        items.markChanged(late);
        selector.exclude(6);

        selector.select(query, 0, items, 3);
        assertThat(selector.row(0)).isEqualTo(late);
        assertThat(selector.score(0)).isEqualTo(5f + 0.01f * (late % 7));
        assertThat(selector.row(1)).isEqualTo(13);
        assertThat(selector.row(2)).isEqualTo(20);
    }

    @Test
    void returnsAllRowsWhenFewerThanNAndBreaksTiesByRow() {
        TopNSelector selector = new TopNSelector(10);
        float[] scores = {1f, 3f, 3f, 2f};

        int count = selector.selectScores(scores, 4, 10);

        assertThat(count).isEqualTo(4);
        assertThat(new int[] {selector.row(0), selector.row(1), selector.row(2), selector.row(3)})
                .containsExactly(1, 2, 3, 0);
        assertThat(selector.rankOf(3)).isEqualTo(3);
        assertThat(selector.rankOf(7)).isZero();
    }

    @Test
    void sparseRowsInAnyOrderMatchTheDenseSelection() {
        SplittableRandom random = new SplittableRandom(11);
        int length = 300;
        float[] dense = new float[1_000];
        int[] rows = new int[length];
        float[] sparse = new float[length];
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int t = 0; t < length; t++) {
            int row;
            do {
                row = random.nextInt(dense.length);
            } while (!used.add(row));
            rows[t] = row;
            sparse[t] = random.nextInt(40); // many ties
        }
        java.util.Arrays.fill(dense, -1f);
        for (int t = 0; t < length; t++) {
            dense[rows[t]] = sparse[t];
        }
        TopNSelector expected = new TopNSelector(20);
        TopNSelector actual = new TopNSelector(20);
        expected.exclude(rows[0]);
        actual.exclude(rows[0]);

        expected.selectScores(dense, dense.length, 20);
        assertThat(actual.selectRows(rows, sparse, length, 20)).isEqualTo(20);

        for (int r = 0; r < 20; r++) {
            assertThat(actual.row(r)).isEqualTo(expected.row(r));
            assertThat(actual.score(r)).isEqualTo(expected.score(r));
        }
        assertThat(actual.contains(rows[0])).isFalse();
        assertThat(actual.selectRows(rows, sparse, 3, 10)).isEqualTo(2);
    }

    @Test
    void zeroRequestedGivesNothing() {
        TopNSelector selector = new TopNSelector(10);
        assertThat(selector.selectScores(new float[] {1f, 2f}, 2, 0)).isZero();
    }

    @Test
    void excludedRowsNeverAppearAndClearingRestoresThem() {
        TopNSelector selector = new TopNSelector(3);
        float[] scores = {5f, 4f, 3f, 2f};
        selector.exclude(0);
        selector.selectScores(scores, 4, 3);
        assertThat(selector.contains(0)).isFalse();

        selector.clearAllExclusions();
        selector.selectScores(scores, 4, 3);
        assertThat(selector.row(0)).isZero();
    }

    private static List<Integer> naiveTop(
            float[] query, FactorMatrix items, Set<Integer> excluded, int n) {
        List<Integer> rows = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        for (int row = 0; row < items.size(); row++) {
            rows.add(row);
            float s = items.bias(row);
            float[] v = items.vector(row);
            for (int f = 0; f < v.length; f++) {
                s += query[f] * v[f];
            }
            scores.add(s);
        }
        return rows.stream()
                .filter(r -> !excluded.contains(r))
                .sorted(Comparator.comparing((Integer r) -> -scores.get(r)).thenComparing(r -> r))
                .limit(n)
                .toList();
    }
}
