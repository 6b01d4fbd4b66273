package io.reelstream.udfs.mf;

/**
 * A recommender the prequential replay ({@link ReplayEvaluator}) can judge: it recommends before it
 * learns, on rows the evaluator assigns, so every model sees the same interactions in the same
 * order in one replay and a new model (co-visitation, a hybrid) plugs in without touching the
 * protocol.
 */
public interface ReplayModel {

    /** Short name printed in reports, e.g. {@code mf}. */
    String name();

    /**
     * Called for every interaction before it is evaluated: the evaluator's member and title rows
     * (dense, first seen first) become known to the model, as a serving system knows its catalog.
     */
    default void admit(int user, int item, ReplayInteraction interaction) {}

    /**
     * Top {@code n} titles for {@code user} into {@code selector}, skipping rows it excludes (the
     * member's titles); returns the number of results.
     */
    int recommend(int user, TopNSelector selector, int n);

    /**
     * Learns one interaction (any weight; the model decides what a weak negative means); {@code
     * novel} says it is the member's first interaction with the title, as the evaluator tracks it.
     */
    void learn(int user, int item, ReplayInteraction interaction, boolean novel);
}
