package io.reelstream.udfs.mf;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TileScorer} on the JDK's vector API: per tile one accumulator register (or two / four on
 * narrower SIMD), started from the biases, one fused multiply-add per feature over contiguous
 * memory. Loaded only when the {@code jdk.incubator.vector} module is present.
 */
final class VectorTileScorer implements TileScorer {

    private static final VectorSpecies<Float> SPECIES = speciesFittingTile();

    static int lanes() {
        return SPECIES.length();
    }

    private static VectorSpecies<Float> speciesFittingTile() {
        VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
        return preferred.length() <= FactorMatrix.TILE ? preferred : FloatVector.SPECIES_512;
    }

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
        int lanes = SPECIES.length();
        int tileCount = (length + FactorMatrix.TILE - 1) / FactorMatrix.TILE;
        for (int t = 0; t < tileCount; t++) {
            int row0 = firstRow + t * FactorMatrix.TILE;
            int base = row0 * k;
            for (int lane = 0; lane < FactorMatrix.TILE; lane += lanes) {
                FloatVector acc = FloatVector.fromArray(SPECIES, biases, row0 + lane);
                for (int f = 0; f < k; f++) {
                    FloatVector x =
                            FloatVector.fromArray(
                                    SPECIES, tiles, base + f * FactorMatrix.TILE + lane);
                    acc = x.fma(FloatVector.broadcast(SPECIES, query[qOff + f]), acc);
                }
                acc.intoArray(out, t * FactorMatrix.TILE + lane);
            }
        }
    }
}
