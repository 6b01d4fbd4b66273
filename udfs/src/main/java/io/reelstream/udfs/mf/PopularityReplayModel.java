package io.reelstream.udfs.mf;

/**
 * The popularity baseline of the replay: all-time counts of positive interactions so far, the bar
 * every personalised model has to clear.
 */
public final class PopularityReplayModel implements ReplayModel {

    private final DecayedPopularity popularity = new DecayedPopularity(Long.MAX_VALUE / 4);

    @Override
    public String name() {
        return "popularity";
    }

    @Override
    public int recommend(int user, TopNSelector selector, int n) {
        return popularity.topCounted(selector, n);
    }

    @Override
    public void learn(int user, int item, ReplayInteraction interaction, boolean novel) {
        if (interaction.weight() > 0) {
            popularity.add(item, 1.0, interaction.timestampMs());
        }
    }
}
