package io.reelstream.udfs.recs;

import io.reelstream.udfs.mf.BprMath;
import io.reelstream.udfs.mf.DecayedCount;
import io.reelstream.udfs.mf.MfHyperparameters;
import io.reelstream.udfs.recs.model.RecsSettings;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.reelstream.udfs.recs.RecsFixtures.K;
import static io.reelstream.udfs.recs.RecsFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ItemFactorFunctionTest {

    private final RecsSettings settings = RecsFixtures.settings();
    private final MfHyperparameters hp = settings.hyperparameters();
    private KeyedOneInputStreamOperatorTestHarness<String, ItemGradient, ItemFactorUpdate> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ItemFactorFunction(settings)),
                        ItemGradient::showId,
                        Types.STRING);
        RecsFixtures.disableGenericTypes(harness);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void shouldApplyTheGradientFromThePriorAndPublish() throws Exception {
        float[] user = vector(0.5f);
        harness.setProcessingTime(2_000);
        harness.processElement(new ItemGradient(1, "s1", 0.4f, user, false, T0), T0);
        harness.setProcessingTime(2_000);

        float[] expected = new float[K];
        BprMath.prior("s1", hp.seed(), hp.initScale(), expected, 0, K);
        BprMath.stepItem(expected, 0, user, 0, 0.4f, hp.learningRate(), hp.regularization(), K);
        ItemFactorUpdate update = harness.extractOutputValues().get(0);
        assertThat(update.showId()).isEqualTo("s1");
        assertThat(update.factors()).containsExactly(expected, within(1e-7f));
        assertThat(update.bias())
                .isEqualTo(
                        BprMath.stepBias(0f, 0.4f, hp.biasLearningRate(), hp.biasRegularization()));
        assertThat(update.updatedAt()).isEqualTo(2_000);
        assertThat(update.modelVersion()).isEqualTo(7L);
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void shouldPublishAtMostOncePerIntervalPerShow() throws Exception {
        harness.setProcessingTime(1_000);
        harness.processElement(new ItemGradient(1, "s1", 0.4f, vector(1f), false, T0), T0);
        harness.processElement(new ItemGradient(1, "s2", -0.4f, vector(1f), false, T0), T0);
        harness.setProcessingTime(1_000);
        assertThat(harness.extractOutputValues()).hasSize(2);

        harness.setProcessingTime(1_200);
        for (int n = 0; n < 5; n++) {
            harness.processElement(new ItemGradient(1, "s1", 0.1f, vector(1f), false, T0), T0);
        }
        harness.setProcessingTime(1_999);
        assertThat(harness.extractOutputValues()).hasSize(2);
        harness.setProcessingTime(2_000);
        assertThat(harness.extractOutputValues()).hasSize(3);
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    }

    @Test
    void shouldCountInteractionsIntoDecayedPopularityWithoutMovingFactors() throws Exception {
        harness.processElement(new ItemGradient(1, "s1", 0f, new float[0], true, T0), T0);
        harness.processElement(
                new ItemGradient(1, "s1", 0f, new float[0], true, T0 + 3_600_000L), T0);
        harness.processElement(new ItemGradient(1, "s1", 0f, new float[3], true, T0), T0);
        harness.setProcessingTime(1);

        ItemFactorUpdate update = harness.extractOutputValues().get(0);
        float[] prior = new float[K];
        BprMath.prior("s1", hp.seed(), hp.initScale(), prior, 0, K);
        assertThat(update.factors()).containsExactly(prior);
        assertThat(update.interactions()).isEqualTo(2);
        assertThat(update.popularityAsOf()).isEqualTo(T0 + 3_600_000L);
        double expected =
                1 + DecayedCount.decay(T0, T0 + 3_600_000L, settings.trendingHalfLifeMs());
        assertThat(update.popularity()).isCloseTo(expected, within(1e-9));
    }

    private static float[] vector(float value) {
        float[] v = new float[K];
        v[0] = value;
        v[1] = -value;
        return v;
    }
}
