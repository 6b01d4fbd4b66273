package io.reelstream.udfs.mf;

/**
 * Receives the item half of a pairwise step: the in-memory learner applies it at once, the
 * streaming user side sends it to the item side (keyed by title).
 */
@FunctionalInterface
public interface ItemGradientSink {

    /**
     * @param itemRow row of the item in the matrix the step was computed against
     * @param signedG {@code +g} for the preferred item, {@code -g} for the other one
     * @param userBefore the user vector before the step (scratch: copy it to keep it)
     */
    void accept(int itemRow, float signedG, float[] userBefore);
}
