package io.reelstream.udfs.mf;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TileScorerTest {

    @Test
    void testJvmRunsWithTheVectorApiSoTheSimdPathIsTheOneTested() {
        assertThat(TileScorers.vectorApiAvailable()).isTrue();
        assertThat(TileScorer.best()).isInstanceOf(VectorTileScorer.class);
    }

    @Test
    void simdAndScalarScoresAreBitIdenticalAndEqualTheDotProducts() {
        int k = 32;
        FactorMatrix items = new FactorMatrix(k, 10);
        SplittableRandom random = new SplittableRandom(3);
        int rows = 1_000 + 7; // not a whole number of tiles or blocks
        for (int r = 0; r < rows; r++) {
            float[] v = new float[k];
            for (int f = 0; f < k; f++) {
                v[f] = (float) random.nextGaussian();
            }
            items.put("t-" + r, v, (float) random.nextGaussian());
        }
        float[] query = new float[k + 3];
        for (int f = 0; f < query.length; f++) {
            query[f] = (float) random.nextGaussian();
        }
        int qOff = 3;
        float[] simd = new float[1_024];
        float[] scalar = new float[1_024];
        TileScorer.best().score(query, qOff, items.tiles(), items.biases(), k, 0, rows, simd);
        TileScorer.scalar().score(query, qOff, items.tiles(), items.biases(), k, 0, rows, scalar);
        for (int r = 0; r < rows; r++) {
            assertThat(simd[r]).as("row %d", r).isEqualTo(scalar[r]);
            double naive = items.bias(r);
            float[] v = items.vector(r);
            for (int f = 0; f < k; f++) {
                naive += (double) v[f] * query[qOff + f];
            }
            assertThat((double) simd[r]).as("row %d", r).isCloseTo(naive, within(1e-3));
        }
    }

    @Test
    void tilesFollowRowWritesMarkedChanged() {
        int k = 4;
        FactorMatrix items = new FactorMatrix(k, 16);
        items.put("a", new float[] {1, 2, 3, 4}, 0);
        items.put("b", new float[] {0, 0, 0, 0}, 1);
        items.factors()[k + 2] = 5f; // row b, feature 2, written directly
        items.markChanged(1);
        float[] out = new float[16];
        float[] query = {1, 1, 1, 1};
        TileScorer.best().score(query, 0, items.tiles(), items.biases(), k, 0, 2, out);
        assertThat(out[0]).isEqualTo(10f);
        assertThat(out[1]).isEqualTo(6f);
    }

    private static org.assertj.core.data.Offset<Double> within(double offset) {
        return org.assertj.core.data.Offset.offset(offset);
    }
}
