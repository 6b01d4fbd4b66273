package io.reelstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelstream.cli.bench.GeneratedInteractionLog;
import io.reelstream.generator.GeneratorConfig;
import io.reelstream.udfs.mf.EngagementRules;
import io.reelstream.udfs.mf.MfHyperparameters;
import io.reelstream.udfs.mf.ReplayEvaluator;
import io.reelstream.udfs.mf.ReplayReport;

import org.junit.jupiter.api.Test;

/** The proof on generator traffic with planted taste clusters: replay recall@10 >= 2x popularity. */
class GeneratorReplayTest {

    @Test
    void learnerRecallIsAtLeastTwicePopularityOnGeneratorTraffic() {
        GeneratorConfig config =
                GeneratorConfig.builder().seed(7).users(2000).titles(600).clusters(8).build();
        GeneratedInteractionLog log =
                GeneratedInteractionLog.generate(config, 400_000, EngagementRules.defaults());

        ReplayReport report =
                ReplayEvaluator.replay(log.interactions(), MfHyperparameters.defaults(), 10);

        assertThat(log.interactions()).hasSizeGreaterThan(5_000);
        assertThat(report.evaluated()).isGreaterThan(1_000);
        assertThat(report.popularityRecall()).isPositive();
        assertThat(report.recall()).isGreaterThanOrEqualTo(2 * report.popularityRecall());
    }
}
