package io.reelstream.udfs.recs;

import io.reelstream.schemas.events.CatalogRecord;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import static io.reelstream.udfs.recs.RecsFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

class ShowRollupFunctionTest {

    @Test
    void shouldRollEpisodesUpToTheirSeriesAndKeepMoviesAsThemselves() throws Exception {
        try (KeyedTwoInputStreamOperatorTestHarness<
                        String, TitleInteraction, CatalogRecord, Interaction>
                harness =
                        new KeyedTwoInputStreamOperatorTestHarness<>(
                                new KeyedCoProcessOperator<>(new ShowRollupFunction()),
                                TitleInteraction::titleId,
                                CatalogRecord::titleId,
                                Types.STRING)) {
            RecsFixtures.disableGenericTypes(harness);
            harness.open();

            harness.processElement2(RecsFixtures.episode("ep-1", "series-9"), T0);
            harness.processElement1(
                    new TitleInteraction(2, "u1", "ep-1", 2f, T0 + 1, 0.6f), T0 + 1);
            harness.processElement1(new TitleInteraction(1, "u2", "movie-3", 1f, T0 + 2), T0 + 2);

            assertThat(harness.extractOutputValues())
                    .containsExactlyInAnyOrder(
                            new Interaction(2, "u1", "series-9", 2f, T0 + 1, 0.6f, true),
                            new Interaction(2, "u2", "movie-3", 1f, T0 + 2, Float.NaN, false));
            // one entry per described catalog title, none for interactions
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }
}
