package io.reelstream.benchmarks;

import io.reelstream.generator.GeneratorConfig;
import io.reelstream.udfs.covisit.CovisitParams;
import io.reelstream.udfs.covisit.CovisitReplayModel;
import io.reelstream.udfs.mf.EngagementRules;
import io.reelstream.udfs.mf.MfHyperparameters;
import io.reelstream.udfs.mf.MfReplayModel;
import io.reelstream.udfs.mf.ReplayEvaluator;
import io.reelstream.udfs.mf.ReplayReport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay on generator traffic with planted taste clusters, franchises and companions, through the
 * same learner code as the job: the target, recall@10 >= 2x popularity, with the default
 * hyperparameters (measured 0.501 vs 0.227 = 2.21x; 0.514 vs 0.245 before the generator's
 * sequential structure, docs/recommendations.md has the grid behind the defaults), and the same bar
 * for item co-visitation with its defaults (measured 0.537, MRR 0.232 vs 0.091). The bar was set on
 * a static catalog, so this replay keeps one ({@code withoutReleases()}): with the generator's
 * default releases and launch bursts, all-time popularity catches the launches and the same seed
 * measures MF 0.473 and co-visitation 0.464 against popularity 0.274 (1.73x and 1.69x).
 */
class GeneratorReplayTest {

    private static GeneratedInteractionLog log;

    @BeforeAll
    static void generate() {
        GeneratorConfig config =
                GeneratorConfig.builder()
                        .seed(7)
                        .users(300)
                        .titles(600)
                        .clusters(8)
                        .withoutReleases()
                        .build();
        log = GeneratedInteractionLog.generate(config, 1_000_000, EngagementRules.defaults());
    }

    @Test
    void learnerRecallIsAtLeastTwicePopularityOnGeneratorTraffic() {
        ReplayReport report =
                ReplayEvaluator.replay(log.interactions(), MfHyperparameters.defaults(), 10);

        assertThat(log.interactions()).hasSizeGreaterThan(4_000);
        assertThat(report.evaluated()).isGreaterThan(2_000);
        assertThat(report.popularityRecall()).isPositive();
        assertThat(report.recall()).isGreaterThanOrEqualTo(2.0 * report.popularityRecall());
        assertThat(report.mrr()).isGreaterThan(2.0 * report.popularityMrr());
    }

    @Test
    void coVisitationRecallIsAtLeastTwicePopularityInTheSameReplay() {
        ReplayReport report =
                ReplayEvaluator.replay(
                        log.interactions(),
                        new ReplayEvaluator(
                                List.of(
                                        new MfReplayModel(MfHyperparameters.defaults()),
                                        new CovisitReplayModel(CovisitParams.defaults())),
                                10));

        ReplayReport.ModelResult covisit = report.model("covisit");
        assertThat(report.evaluated()).isGreaterThan(2_000);
        assertThat(report.popularityRecall()).isPositive();
        assertThat(covisit.recall()).isGreaterThanOrEqualTo(2.0 * report.popularityRecall());
        assertThat(covisit.mrr()).isGreaterThan(2.0 * report.popularityMrr());
    }
}
