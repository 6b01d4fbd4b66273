package io.reelstream.udfs.covisit;

import io.reelstream.udfs.mf.ReplayInteraction;
import io.reelstream.udfs.mf.ReplayModel;
import io.reelstream.udfs.mf.TopNSelector;

/** {@link CovisitLearner} as a {@link ReplayModel}, so the replay judges it beside MF. */
public final class CovisitReplayModel implements ReplayModel {

    private final CovisitLearner learner;

    public CovisitReplayModel(CovisitParams params) {
        this.learner = new CovisitLearner(params);
    }

    public CovisitLearner learner() {
        return learner;
    }

    @Override
    public String name() {
        return "covisit";
    }

    @Override
    public int recommend(int user, TopNSelector selector, int n) {
        return learner.recommend(user, selector, n);
    }

    @Override
    public void learn(int user, int item, ReplayInteraction interaction, boolean novel) {
        learner.learn(user, item, interaction.weight(), interaction.timestampMs());
    }
}
