package io.reelstream.generator;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Chooses the show of a member's next session from what its last session watched: the next show of
 * a franchise it finished, else that show's companion, else a show of its taste cluster or of the
 * whole catalog by popularity and launch interest ({@link LaunchInterest}); never a show not yet
 * released.
 */
final class WatchNext {

    /** A series counts as finished once an episode in its last third is completed. */
    static final double DEEP_SHARE = 2.0 / 3;

    /**
     * What a session watched.
     *
     * @param show the show it played
     * @param deep whether it completed the show, or an episode in its last third
     */
    record Watched(Show show, boolean deep) {}

    /**
     * The show a session plays.
     *
     * @param show the show
     * @param fromStart whether to start at its first title (a follow-up or companion)
     */
    record Pick(Show show, boolean fromStart) {}

    private final Catalog catalog;
    private final GeneratorConfig config;
    private final LaunchInterest launchInterest;

    WatchNext(Catalog catalog, GeneratorConfig config) {
        this.catalog = catalog;
        this.config = config;
        this.launchInterest = new LaunchInterest(catalog, config);
    }

    /**
     * {@code last} is {@code null} for a member who has watched nothing yet; a follow-up or
     * companion not released by {@code time} is passed over.
     */
    Pick pick(Member member, Watched last, long time, SplittableRandom random) {
        if (last != null) {
            Optional<Show> next =
                    last.deep()
                            ? catalog.franchises().successor(last.show()).filter(released(time))
                            : Optional.empty();
            if (next.isPresent() && chance(config.followUpProbability(), random)) {
                return new Pick(next.get(), true);
            }
            Optional<Show> companion = catalog.companions().of(last.show()).filter(released(time));
            if (companion.isPresent() && chance(config.companionProbability(), random)) {
                return new Pick(companion.get(), true);
            }
        }
        return new Pick(launchInterest.pick(member.cluster(), time, random), false);
    }

    private java.util.function.Predicate<Show> released(long time) {
        return show -> catalog.releases().isAvailable(show, time);
    }

    /** Draws only for a probability above 0, so a config without structure draws as before. */
    private static boolean chance(double probability, SplittableRandom random) {
        return probability > 0 && random.nextDouble() < probability;
    }
}
