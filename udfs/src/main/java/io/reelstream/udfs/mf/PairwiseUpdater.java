package io.reelstream.udfs.mf;

/**
 * One interaction's BPR update of a user vector against an item matrix: for each sampled negative,
 * a pairwise step on the user and the two item gradients handed to an {@link ItemGradientSink}.
 * Positive weights prefer the item over the sampled ones; negative weights (weak negatives such as
 * early abandonment) prefer the sampled ones over the item. Allocation-free.
 */
public final class PairwiseUpdater {

    private final MfHyperparameters hp;
    private final NegativeSampler sampler;
    private final float[] userBefore;
    private double lastLossSum;
    private int lastSteps;

    public PairwiseUpdater(MfHyperparameters hp, NegativeSampler sampler) {
        this.hp = hp;
        this.sampler = sampler;
        this.userBefore = new float[hp.k()];
    }

    /**
     * Updates {@code user[uOff, uOff + k)} in place for an interaction with {@code itemRow} of
     * {@code items}; returns the number of pairwise steps taken (0 if there is nothing to
     * contrast).
     */
    public int update(
            float[] user,
            int uOff,
            FactorMatrix items,
            int itemRow,
            float weight,
            ItemGradientSink sink) {
        lastLossSum = 0;
        lastSteps = 0;
        if (weight == 0f) {
            return 0;
        }
        int k = hp.k();
        float strength = Math.abs(weight);
        int steps = 0;
        for (int n = 0; n < hp.negativesPerUpdate(); n++) {
            int sampled = sampler.sample(items.size(), itemRow);
            if (sampled < 0) {
                break;
            }
            int preferred = weight > 0 ? itemRow : sampled;
            int other = weight > 0 ? sampled : itemRow;
            float[] q = items.factors();
            float x =
                    BprMath.margin(
                            user,
                            uOff,
                            q,
                            preferred * k,
                            items.bias(preferred),
                            q,
                            other * k,
                            items.bias(other),
                            k);
            lastLossSum += BprMath.logLoss(x);
            float g = BprMath.pairwiseGradient(x, strength);
            System.arraycopy(user, uOff, userBefore, 0, k);
            BprMath.stepUser(
                    user,
                    uOff,
                    q,
                    preferred * k,
                    q,
                    other * k,
                    g,
                    hp.learningRate(),
                    hp.regularization(),
                    k);
            sink.accept(preferred, g, userBefore);
            sink.accept(other, -g, userBefore);
            steps++;
        }
        if (weight > 0) {
            sampler.observe(itemRow);
        }
        lastSteps = steps;
        return steps;
    }

    /**
     * The mean {@link BprMath#logLoss} of the pairs of the last {@link #update}, each measured
     * before its step (prequential: the model is scored on data it has not learned yet); NaN if
     * that update took no step.
     */
    public double lastMeanLoss() {
        return lastSteps == 0 ? Double.NaN : lastLossSum / lastSteps;
    }

    /**
     * {@link MfHyperparameters#historyReplays} pairwise steps, each on a random earlier positive of
     * the member ({@code history[from, from + count)}, rows of {@code items}) preferred over a
     * freshly sampled row, with weight 1; the item halves go to {@code sink} like those of {@link
     * #update}. Returns the number of steps taken.
     */
    public int replayHistory(
            float[] user,
            int uOff,
            FactorMatrix items,
            int[] history,
            int from,
            int count,
            ItemGradientSink sink) {
        if (count == 0) {
            return 0;
        }
        int steps = 0;
        for (int r = 0; r < hp.historyReplays(); r++) {
            int earlier = history[from + sampler.pick(count)];
            steps += replay(user, uOff, items, earlier, sink);
        }
        return steps;
    }

    /**
     * One pairwise step with weight 1: {@code itemRow} (an earlier positive of the member)
     * preferred over a sampled row. Returns 1 if a step was taken.
     */
    public int replay(
            float[] user, int uOff, FactorMatrix items, int itemRow, ItemGradientSink sink) {
        int sampled = sampler.sample(items.size(), itemRow);
        if (sampled < 0) {
            return 0;
        }
        int k = hp.k();
        float[] q = items.factors();
        float x =
                BprMath.margin(
                        user,
                        uOff,
                        q,
                        itemRow * k,
                        items.bias(itemRow),
                        q,
                        sampled * k,
                        items.bias(sampled),
                        k);
        float g = BprMath.pairwiseGradient(x, 1f);
        System.arraycopy(user, uOff, userBefore, 0, k);
        BprMath.stepUser(
                user,
                uOff,
                q,
                itemRow * k,
                q,
                sampled * k,
                g,
                hp.learningRate(),
                hp.regularization(),
                k);
        sink.accept(itemRow, g, userBefore);
        sink.accept(sampled, -g, userBefore);
        return 1;
    }

    /** A uniformly drawn index in {@code [0, bound)} from the sampler's generator. */
    public int pick(int bound) {
        return sampler.pick(bound);
    }
}
