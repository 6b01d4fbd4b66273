package io.reelstream.udfs.mf;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the {@link TileScorer} once per JVM and says which one in the log. */
final class TileScorers {

    private static final Logger LOG = LoggerFactory.getLogger(TileScorers.class);

    static final String VECTOR_MODULE = "jdk.incubator.vector";

    static final TileScorer BEST = choose();

    private TileScorers() {}

    /** Whether the vector API module is in the boot layer. */
    static boolean vectorApiAvailable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    private static TileScorer choose() {
        if (vectorApiAvailable()) {
            TileScorer vector = new VectorTileScorer();
            LOG.info("Top-N scoring uses SIMD ({} float lanes)", VectorTileScorer.lanes());
            return vector;
        }
        LOG.warn(
                "Top-N scoring runs scalar (several times slower): start the JVM with"
                        + " --add-modules {}",
                VECTOR_MODULE);
        return new ScalarTileScorer();
    }
}
