package io.reelstream.udfs.ranker;

/**
 * Trains a {@link GbdtModel} from labelled decisions. The Flink-free side (the replay's hybrid, the
 * job) depends only on this; the XGBoost implementation lives with the training tools, so the
 * streaming jar carries no native library.
 */
@FunctionalInterface
public interface RankerTrainer {

    /**
     * A model trained on {@code examples} (feature columns named by {@link RankerFeatures#NAMES}),
     * named {@code version}; deterministic for the same examples.
     */
    GbdtModel train(RankingExamples examples, String version);
}
