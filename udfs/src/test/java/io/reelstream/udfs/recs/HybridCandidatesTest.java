package io.reelstream.udfs.recs;

import io.reelstream.udfs.covisit.CovisitWindow;
import io.reelstream.udfs.ranker.CandidateSource;
import io.reelstream.udfs.ranker.MemberActivity;
import io.reelstream.udfs.ranker.RankerFeatures;
import io.reelstream.udfs.recs.model.HybridCandidates;
import io.reelstream.udfs.recs.model.ItemReplica;
import io.reelstream.udfs.recs.model.ShowCatalog;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.reelstream.udfs.recs.RecsFixtures.K;
import static io.reelstream.udfs.recs.RecsFixtures.T0;
import static io.reelstream.udfs.recs.RecsFixtures.item;
import static io.reelstream.udfs.recs.RecsFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

class HybridCandidatesTest {

    private static final int W = RankerFeatures.COUNT;

    @Test
    void proposesFromEverySourceWithTheirRanksAndNeverTheMembersTitles() {
        ItemReplica replica = new ItemReplica(settings().hyperparameters());
        replica.apply(item("seen", 1f, 50, 1L));
        replica.apply(item("taste", 2f, 1, 2L)); // along the member's factors
        replica.apply(item("hit", -1f, 900, 3L)); // popular, against their taste
        replica.apply(
                withNeighbours(item("seen", 1f, 50, 4L), "sequel", 0.8f)
                        .withNextShows(
                                new String[] {"unpublished", "sequel"}, new float[] {0.7f, 0.25f}));
        replica.apply(item("sequel", 0f, 2, 5L));
        float[] factors = new float[K];
        factors[0] = 1f;
        UserModelState state =
                new UserModelState(
                        UserModelState.CURRENT_VERSION,
                        factors,
                        new String[] {"seen"},
                        5,
                        0L,
                        0L,
                        T0,
                        "seen");
        CovisitWindow<String> window =
                CovisitWindow.restore(20, new String[] {"seen"}, new long[] {T0});

        CandidateSet set =
                new HybridCandidates(settings(), 3)
                        .gather(
                                "m1",
                                state,
                                window,
                                noActivity(),
                                replica,
                                new ShowCatalog(),
                                T0 + 10,
                                99L);

        List<String> shows = Arrays.asList(set.showIds());
        assertThat(shows).contains("taste", "hit", "sequel").doesNotContain("seen");
        assertThat(set.features()).hasSize(shows.size() * W);
        int taste = shows.indexOf("taste");
        int sequel = shows.indexOf("sequel");
        int hit = shows.indexOf("hit");
        assertThat(set.sources()[taste] & CandidateSource.MF.bit()).isNotZero();
        assertThat(feature(set, taste, RankerFeatures.MF_RANK)).isEqualTo(1f);
        assertThat(feature(set, taste, RankerFeatures.MF_GAP)).isEqualTo(0f);
        assertThat(set.sources()[sequel] & CandidateSource.COVISIT.bit()).isNotZero();
        assertThat(feature(set, sequel, RankerFeatures.COVISIT_LAST_SIMILARITY)).isEqualTo(0.8f);
        assertThat(feature(set, sequel, RankerFeatures.NEXT_AFTER_LAST)).isEqualTo(0.25f);
        assertThat(feature(set, hit, RankerFeatures.NEXT_AFTER_LAST)).isZero(); // not a successor
        assertThat(feature(set, taste, RankerFeatures.COVISIT_SCORE)).isNaN();
        assertThat(feature(set, hit, RankerFeatures.TRENDING_RANK)).isEqualTo(1f);
        assertThat(feature(set, hit, RankerFeatures.POPULARITY_SHARE))
                .isGreaterThan(feature(set, taste, RankerFeatures.POPULARITY_SHARE));
        assertThat(feature(set, hit, RankerFeatures.MEMBER_TITLES)).isEqualTo(1f);
        assertThat(feature(set, hit, RankerFeatures.GENRE_AFFINITY)).isNaN();
        assertThat(set.decidedAt()).isEqualTo(T0 + 10);
    }

    @Test
    void aColdMemberGetsNoMfCandidates() {
        ItemReplica replica = new ItemReplica(settings().hyperparameters());
        replica.apply(item("a", 1f, 5, 1L));
        UserModelState cold =
                new UserModelState(
                        UserModelState.CURRENT_VERSION,
                        new float[K],
                        new String[0],
                        0,
                        0L,
                        0L,
                        T0,
                        null);

        CandidateSet set =
                new HybridCandidates(settings(), 3)
                        .gather(
                                "m2",
                                cold,
                                new CovisitWindow<>(20),
                                noActivity(),
                                replica,
                                new ShowCatalog(),
                                T0,
                                1L);

        assertThat(set.showIds()).containsExactly("a");
        assertThat(set.sources()[0]).isEqualTo(CandidateSource.TRENDING.bit());
        assertThat(feature(set, 0, RankerFeatures.MF_SCORE)).isNaN();
        assertThat(feature(set, 0, RankerFeatures.NEXT_AFTER_LAST)).isNaN(); // no last new show
    }

    @Test
    void proposesTheShowsInProgressWithTheirProgressAndTheMembersActivity() {
        ItemReplica replica = new ItemReplica(settings().hyperparameters());
        replica.apply(item("series", 1f, 50, 1L));
        replica.apply(item("movie", 1f, 40, 2L));
        replica.apply(item("finished", 1f, 30, 3L));
        replica.apply(item("dropped", 1f, 20, 4L));
        replica.apply(item("fresh", 1f, 10, 5L));
        long hour = 3_600_000L;
        long now = T0 + 30 * hour;
        MemberActivity<String> activity =
                new MemberActivity<>(MemberActivity.JOB_PLAYS, MemberActivity.JOB_IN_PROGRESS);
        activity.learn("finished", 3f, 1f, false, T0, 0.9); // a completed movie
        activity.learn("series", 3f, 1f, true, now - 5 * hour, 0.9); // a completed episode
        activity.learn("movie", 1.8f, 0.4f, false, now - 20 * 60_000L, 0.9);
        activity.learn("dropped", 1.5f, 0.3f, false, now - 10 * hour, 0.9);
        activity.learn("dropped", -0.3f, 0.01f, false, now - 9 * hour, 0.9); // abandoned
        String[] history = {"finished", "series", "movie", "dropped"};
        UserModelState state =
                new UserModelState(
                        UserModelState.CURRENT_VERSION,
                        new float[K],
                        history,
                        4,
                        0L,
                        0L,
                        now,
                        null);

        CandidateSet set =
                new HybridCandidates(settings(), 5)
                        .gather(
                                "m3",
                                state,
                                new CovisitWindow<>(20),
                                activity,
                                replica,
                                new ShowCatalog(),
                                now,
                                1L);

        List<String> shows = Arrays.asList(set.showIds());
        assertThat(shows)
                .contains("series", "movie", "fresh")
                .doesNotContain("finished", "dropped");
        int movie = shows.indexOf("movie");
        int series = shows.indexOf("series");
        int fresh = shows.indexOf("fresh");
        assertThat(set.sources()[movie]).isEqualTo(CandidateSource.CONTINUE_WATCHING.bit());
        assertThat(set.sources()[series]).isEqualTo(CandidateSource.CONTINUE_WATCHING.bit());
        assertThat(feature(set, movie, RankerFeatures.CONTINUE_WATCHING_PROGRESS)).isEqualTo(0.4f);
        assertThat(feature(set, series, RankerFeatures.CONTINUE_WATCHING_PROGRESS)).isEqualTo(1f);
        assertThat(feature(set, series, RankerFeatures.HOURS_SINCE_SERIES_WATCHED)).isEqualTo(5f);
        assertThat(feature(set, movie, RankerFeatures.HOURS_SINCE_SERIES_WATCHED))
                .isCloseTo(1f / 3, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(feature(set, fresh, RankerFeatures.HOURS_SINCE_SERIES_WATCHED)).isNaN();
        assertThat(feature(set, fresh, RankerFeatures.CONTINUE_WATCHING_PROGRESS)).isNaN();
        for (int c = 0; c < shows.size(); c++) {
            assertThat(feature(set, c, RankerFeatures.MEMBER_PLAYS_1H)).isEqualTo(1f);
            assertThat(feature(set, c, RankerFeatures.MEMBER_PLAYS_24H)).isEqualTo(3f);
            assertThat(feature(set, c, RankerFeatures.MEMBER_LAST_WEIGHT)).isEqualTo(1.8f);
        }
    }

    private static MemberActivity<String> noActivity() {
        return new MemberActivity<>(MemberActivity.JOB_PLAYS, MemberActivity.JOB_IN_PROGRESS);
    }

    private static float feature(CandidateSet set, int candidate, int feature) {
        return set.features()[candidate * W + feature];
    }

    private static ItemFactorUpdate withNeighbours(
            ItemFactorUpdate u, String neighbour, float sim) {
        return RecsFixtures.withCovisitation(
                u, 1.0, T0, new String[] {neighbour}, new float[] {sim});
    }
}
