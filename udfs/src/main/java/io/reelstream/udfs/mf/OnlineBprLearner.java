package io.reelstream.udfs.mf;

/**
 * The whole incremental MF model in memory: user and item factors in contiguous matrices, updated
 * per interaction with {@link PairwiseUpdater}, item gradients applied immediately. Used by the
 * replay evaluator and the benchmarks; the streaming job runs the same updater split across a user
 * side and an item side.
 */
public final class OnlineBprLearner implements ItemGradientSink {

    private static final int RECENT_ITEMS = 4096;

    private final MfHyperparameters hp;
    private final FactorMatrix users;
    private final FactorMatrix items;
    private final PairwiseUpdater updater;

    public OnlineBprLearner(MfHyperparameters hp, int expectedUsers, int expectedItems) {
        this.hp = hp;
        this.users = new FactorMatrix(hp.k(), expectedUsers);
        this.items = new FactorMatrix(hp.k(), expectedItems);
        this.updater =
                new PairwiseUpdater(
                        hp,
                        new NegativeSampler(RECENT_ITEMS, hp.popularNegativeShare(), hp.seed()));
    }

    public MfHyperparameters hyperparameters() {
        return hp;
    }

    public FactorMatrix users() {
        return users;
    }

    public FactorMatrix items() {
        return items;
    }

    /** Row of the user, created from the prior if new. */
    public int userRow(String user) {
        return users.rowOrPrior(user, hp.seed() + 1, hp.initScale());
    }

    /** Row of the item, created from the prior if new. */
    public int itemRow(String item) {
        return items.rowOrPrior(item, hp.seed(), hp.initScale());
    }

    /** Learns one interaction; returns the number of pairwise steps taken. */
    public int learn(String user, String item, float weight) {
        return learnRows(userRow(user), itemRow(item), weight);
    }

    /** Learns one interaction by rows; returns the number of pairwise steps taken. */
    public int learnRows(int userRow, int itemRow, float weight) {
        return updater.update(users.factors(), userRow * hp.k(), items, itemRow, weight, this);
    }

    /**
     * Learns one interaction and then, if it is positive, takes {@code historyReplays} pairwise
     * steps on random earlier positives {@code history[from, from + count)}; returns the number of
     * steps taken.
     */
    public int learnRows(
            int userRow, int itemRow, float weight, int[] history, int from, int count) {
        int steps = learnRows(userRow, itemRow, weight);
        if (weight <= 0) {
            return steps;
        }
        return steps
                + updater.replayHistory(
                        users.factors(), userRow * hp.k(), items, history, from, count, this);
    }

    /** {@code b_i + p_u · q_i}. */
    public float score(int userRow, int itemRow) {
        int k = hp.k();
        return items.bias(itemRow)
                + BprMath.dot(users.factors(), userRow * k, items.factors(), itemRow * k, k);
    }

    /** Applies an item gradient immediately (the in-memory half of the pairwise step). */
    @Override
    public void accept(int itemRow, float signedG, float[] userBefore) {
        BprMath.stepItem(
                items.factors(),
                itemRow * hp.k(),
                userBefore,
                0,
                signedG,
                hp.learningRate(),
                hp.regularization(),
                hp.k());
        items.markChanged(itemRow);
        items.setBias(
                itemRow,
                BprMath.stepBias(
                        items.bias(itemRow),
                        signedG,
                        hp.biasLearningRate(),
                        hp.biasRegularization()));
    }
}
