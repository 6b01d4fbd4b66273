package io.reelstream.udfs.recs;

import io.reelstream.udfs.covisit.CovisitWindow;
import io.reelstream.udfs.ranker.CandidateSource;
import io.reelstream.udfs.ranker.RankerFeatures;
import io.reelstream.udfs.recs.model.HybridCandidates;
import io.reelstream.udfs.recs.model.ItemReplica;

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
        replica.apply(withNeighbours(item("seen", 1f, 50, 4L), "sequel", 0.8f));
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
                        T0);
        CovisitWindow<String> window =
                CovisitWindow.restore(20, new String[] {"seen"}, new long[] {T0});

        CandidateSet set =
                new HybridCandidates(settings(), 3)
                        .gather("m1", state, window, replica, T0 + 10, 99L);

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
                        UserModelState.CURRENT_VERSION, new float[K], new String[0], 0, 0L, 0L, T0);

        CandidateSet set =
                new HybridCandidates(settings(), 3)
                        .gather("m2", cold, new CovisitWindow<>(20), replica, T0, 1L);

        assertThat(set.showIds()).containsExactly("a");
        assertThat(set.sources()[0]).isEqualTo(CandidateSource.TRENDING.bit());
        assertThat(feature(set, 0, RankerFeatures.MF_SCORE)).isNaN();
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
