package io.reelstream.udfs.mf;

/** {@link TileScorer} without SIMD: the fallback, and the reference the SIMD one must equal. */
final class ScalarTileScorer implements TileScorer {

    @Override
    public void score(
            float[] query,
            int qOff,
            float[] tiles,
            float[] biases,
            int k,
            int firstRow,
            int length,
            float[] out) {
        int tileCount = (length + FactorMatrix.TILE - 1) / FactorMatrix.TILE;
        for (int t = 0; t < tileCount; t++) {
            int row0 = firstRow + t * FactorMatrix.TILE;
            int base = row0 * k;
            for (int lane = 0; lane < FactorMatrix.TILE; lane++) {
                float acc = biases[row0 + lane];
                for (int f = 0; f < k; f++) {
                    acc =
                            Math.fma(
                                    tiles[base + f * FactorMatrix.TILE + lane],
                                    query[qOff + f],
                                    acc);
                }
                out[t * FactorMatrix.TILE + lane] = acc;
            }
        }
    }
}
