package io.reelstream.udfs.ranker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CandidatePoolTest {

    @Test
    void mergesWhatSeveralSourcesProposeIntoOneCandidate() {
        CandidatePool pool = new CandidatePool();

        int a = pool.offer(7, CandidateSource.MF, 2.5f, 1);
        int b = pool.offer(300, CandidateSource.COVISIT, 0.4f, 1);
        int again = pool.offer(7, CandidateSource.COVISIT, 0.2f, 2);

        assertThat(pool.size()).isEqualTo(2);
        assertThat(again).isEqualTo(a);
        assertThat(pool.row(b)).isEqualTo(300);
        assertThat(pool.sources(a))
                .isEqualTo(CandidateSource.MF.bit() | CandidateSource.COVISIT.bit());
        assertThat(pool.get(a, RankerFeatures.MF_RANK)).isEqualTo(1f);
        assertThat(pool.get(a, RankerFeatures.COVISIT_RANK)).isEqualTo(2f);
        assertThat(pool.get(a, RankerFeatures.COVISIT_SCORE)).isEqualTo(0.2f);
        assertThat(pool.get(b, RankerFeatures.MF_RANK)).isNaN();
        assertThat(pool.get(b, RankerFeatures.TRENDING_SHARE)).isNaN();
    }

    @Test
    void clearForgetsTheDecisionAndResetsTheFeatures() {
        CandidatePool pool = new CandidatePool();
        for (int row = 0; row < 200; row++) {
            pool.offer(row * 3, CandidateSource.TRENDING, row, row + 1);
        }
        pool.clear();

        assertThat(pool.size()).isZero();
        assertThat(pool.slotOf(30)).isEqualTo(-1);
        int slot = pool.offer(30, CandidateSource.MF, 1f, 4);
        assertThat(slot).isZero();
        assertThat(pool.get(slot, RankerFeatures.TRENDING_RANK)).isNaN();
        assertThat(pool.sources(slot)).isEqualTo(CandidateSource.MF.bit());
    }

    @Test
    void theFixedBlendRewardsAgreementAndHighRanks() {
        CandidatePool pool = new CandidatePool();
        int both = pool.offer(1, CandidateSource.MF, 1f, 5);
        pool.offer(1, CandidateSource.COVISIT, 1f, 5);
        int top = pool.offer(2, CandidateSource.MF, 3f, 1);
        int low = pool.offer(3, CandidateSource.TRENDING, 0.1f, 40);
        int resume = pool.offer(4, CandidateSource.CONTINUE_WATCHING, 0.6f, 0);
        float[] f = pool.features();
        int w = RankerFeatures.COUNT;

        assertThat(FixedBlend.score(f, both * w)).isEqualTo(2f / 65f);
        assertThat(FixedBlend.score(f, both * w)).isGreaterThan(FixedBlend.score(f, top * w));
        assertThat(FixedBlend.score(f, top * w)).isGreaterThan(FixedBlend.score(f, low * w));
        assertThat(FixedBlend.score(f, resume * w)).isEqualTo(1f / 61f);
        assertThat(FixedBlend.score(f, low * w)).isEqualTo(FixedBlend.TRENDING_WEIGHT / 100f);
        // the head of trending stays below a member's own top ten, even where it agrees with the
        // tail of a personal source
        float trendingFirst = FixedBlend.TRENDING_WEIGHT / (FixedBlend.K + 1);
        assertThat(trendingFirst + 1f / (FixedBlend.K + 30)).isLessThan(1f / (FixedBlend.K + 10));
    }
}
