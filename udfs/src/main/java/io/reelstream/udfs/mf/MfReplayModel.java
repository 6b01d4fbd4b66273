package io.reelstream.udfs.mf;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link OnlineBprLearner} as a {@link ReplayModel}: the online BPR-MF learner the streaming job
 * runs, with history replays over each member's earlier positives.
 */
public final class MfReplayModel implements ReplayModel {

    private final OnlineBprLearner learner;
    private final Map<Integer, int[]> positives = new HashMap<>();

    public MfReplayModel(MfHyperparameters hp) {
        this.learner = new OnlineBprLearner(hp, 1024, 1024);
    }

    public OnlineBprLearner learner() {
        return learner;
    }

    @Override
    public String name() {
        return "mf";
    }

    /**
     * Creates the member's and the title's rows from the prior; they must equal the evaluator's.
     */
    @Override
    public void admit(int user, int item, ReplayInteraction interaction) {
        int userRow = learner.userRow(interaction.user());
        int itemRow = learner.itemRow(interaction.item());
        if (userRow != user || itemRow != item) {
            throw new IllegalStateException(
                    "rows diverged from the evaluator's: user "
                            + userRow
                            + " vs "
                            + user
                            + ", item "
                            + itemRow
                            + " vs "
                            + item);
        }
    }

    @Override
    public int recommend(int user, TopNSelector selector, int n) {
        int k = learner.hyperparameters().k();
        return selector.select(learner.users().factors(), user * k, learner.items(), n);
    }

    @Override
    public void learn(int user, int item, ReplayInteraction interaction, boolean novel) {
        int[] liked = positives.get(user);
        if (liked == null) {
            learner.learnRows(user, item, interaction.weight());
        } else {
            learner.learnRows(user, item, interaction.weight(), liked, 1, liked[0]);
        }
        // A title joins the replayed positives on the member's first interaction with it.
        if (novel && interaction.weight() > 0) {
            positives.put(user, ReplayEvaluator.append(liked, item));
        }
    }
}
