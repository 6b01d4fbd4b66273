package io.reelstream.udfs.mf;

/**
 * Scores a block of rows of a {@link FactorMatrix} against one query vector ({@code b_r + q · x_r})
 * from its {@link FactorMatrix#tiles() tiles}: the inner loop of top-N selection. Two
 * implementations with bit-identical results (same fused multiply-adds in the same order): SIMD
 * through the JDK's vector API when the JVM runs with {@code --add-modules jdk.incubator.vector}
 * (all our launchers do), a scalar fallback otherwise.
 */
interface TileScorer {

    /**
     * Writes the scores of rows {@code [firstRow, firstRow + length)} to {@code out[0, length)}
     * (and up to the end of the last tile).
     *
     * @param firstRow a multiple of {@link FactorMatrix#TILE}
     * @param out at least {@code length} rounded up to a whole tile
     */
    void score(
            float[] query,
            int qOff,
            float[] tiles,
            float[] biases,
            int k,
            int firstRow,
            int length,
            float[] out);

    /** The SIMD scorer if the vector API module is present, else the scalar one. */
    static TileScorer best() {
        return TileScorers.BEST;
    }

    /** The scalar scorer (for tests comparing the two). */
    static TileScorer scalar() {
        return new ScalarTileScorer();
    }
}
