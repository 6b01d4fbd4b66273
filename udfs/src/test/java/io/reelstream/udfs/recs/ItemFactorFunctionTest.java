package io.reelstream.udfs.recs;

import io.reelstream.udfs.mf.BprMath;
import io.reelstream.udfs.mf.DecayedCount;
import io.reelstream.udfs.mf.MfHyperparameters;
import io.reelstream.udfs.recs.model.RecsSettings;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.reelstream.udfs.recs.RecsFixtures.K;
import static io.reelstream.udfs.recs.RecsFixtures.MINUTE;
import static io.reelstream.udfs.recs.RecsFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ItemFactorFunctionTest {

    private final RecsSettings settings = RecsFixtures.settings();
    private final MfHyperparameters hp = settings.hyperparameters();
    private KeyedTwoInputStreamOperatorTestHarness<
                    String, ItemGradient, CovisitMessage, ItemFactorUpdate>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        setUp(null);
    }

    private void setUp(OperatorSubtaskState restored) throws Exception {
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new ItemFactorFunction(settings)),
                        ItemGradient::showId,
                        CovisitMessage::showId,
                        Types.STRING);
        RecsFixtures.disableGenericTypes(harness);
        if (restored != null) {
            harness.initializeState(restored);
        }
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
        harness.processElement1(new ItemGradient(1, "s1", 0.4f, user, false, T0), T0);
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
        harness.processElement1(new ItemGradient(1, "s1", 0.4f, vector(1f), false, T0), T0);
        harness.processElement1(new ItemGradient(1, "s2", -0.4f, vector(1f), false, T0), T0);
        harness.setProcessingTime(1_000);
        assertThat(harness.extractOutputValues()).hasSize(2);

        harness.setProcessingTime(1_200);
        for (int n = 0; n < 5; n++) {
            harness.processElement1(new ItemGradient(1, "s1", 0.1f, vector(1f), false, T0), T0);
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
        harness.processElement1(new ItemGradient(1, "s1", 0f, new float[0], true, T0), T0);
        harness.processElement1(
                new ItemGradient(1, "s1", 0f, new float[0], true, T0 + 3_600_000L), T0);
        harness.processElement1(new ItemGradient(1, "s1", 0f, new float[3], true, T0), T0);
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
        // the day popularity: the same plays with a one-day half-life, one hour apart
        assertThat(update.dayPopularity()).isCloseTo(1 + Math.pow(0.5, 1.0 / 24), within(1e-9));
        assertThat(update.v()).isEqualTo(ItemFactorUpdate.CURRENT_VERSION);
    }

    @Test
    void shouldPublishWatchedTogetherNeighboursAndWriteOnlyVisibleChanges() throws Exception {
        harness.setProcessingTime(1_000);
        // one member watched b, then a: b's count, then the pair in both directions
        harness.processElement2(counted("b", T0), T0);
        harness.processElement2(paired("b", "a", T0, 1.0, T0, CovisitMessage.NONE), T0);
        harness.processElement2(
                new CovisitMessage(
                        1,
                        "a",
                        T0,
                        CovisitMessage.NONE,
                        new String[] {"b"},
                        new long[] {T0},
                        new double[] {1.0},
                        new long[] {T0},
                        new long[] {CovisitMessage.NONE},
                        null,
                        CovisitMessage.NONE),
                T0);
        harness.setProcessingTime(1_000);

        ItemFactorUpdate a = published("a");
        assertThat(a.v()).isEqualTo(ItemFactorUpdate.CURRENT_VERSION);
        assertThat(a.neighbours()).containsExactly("b");
        assertThat(a.similarities()).containsExactly(1f);
        assertThat(a.covisitCount()).isEqualTo(1.0);
        assertThat(a.covisitCountAsOf()).isEqualTo(T0);
        assertThat(published("b").neighbours()).containsExactly("a");
        assertThat(similarRows()).hasSize(2);
        assertThat(harness.numProcessingTimeTimers()).isZero();
        // per show: item-model and title-covisit
        assertThat(harness.numKeyedStateEntries()).isEqualTo(4);

        // the member watches a again a minute later: the count moves, the list does not change
        harness.setProcessingTime(2_000);
        harness.processElement2(
                new CovisitMessage(
                        1,
                        "a",
                        T0 + 60_000,
                        T0,
                        new String[0],
                        new long[0],
                        new double[0],
                        new long[0],
                        new long[0],
                        null,
                        CovisitMessage.NONE),
                T0);
        harness.setProcessingTime(2_000);
        assertThat(harness.extractOutputValues()).hasSize(3);
        assertThat(similarRows()).hasSize(2);

        // a second member pairs a with c: a visible change
        harness.setProcessingTime(3_000);
        harness.processElement2(paired("a", "c", T0, 1.0, T0, CovisitMessage.NONE), T0);
        harness.setProcessingTime(3_000);
        List<SimilarTitles> rows = similarRows();
        assertThat(rows).hasSize(3);
        SimilarTitles row = rows.get(2);
        assertThat(row.showId()).isEqualTo("a");
        assertThat(row.neighbours()).containsExactlyInAnyOrder("b", "c");
        assertThat(row.updatedAt()).isEqualTo(3_000);
        assertThat(row.modelVersion()).isEqualTo(7L);
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldKeepTheNeighbourCountPublishedLast() throws Exception {
        // c(a, b) = 2, n(a) = 2; n(b) = 4 published at 2 000, then a stale 1 published at 1 000
        harness.processElement2(counted("a", T0), T0);
        harness.processElement2(counted("a", T0), T0);
        harness.processElement2(paired("a", "b", T0, 4.0, T0, 2_000), T0);
        harness.processElement2(paired("a", "b", T0, 1.0, T0, 1_000), T0);
        harness.setProcessingTime(5_000);

        ItemFactorUpdate a = published("a");
        assertThat((double) a.similarities()[0]).isCloseTo(2 / Math.sqrt(2 * 4), within(1e-6));
    }

    @Test
    void shouldPublishWhatMembersStartNextWithItsProbabilityAcrossARestore() throws Exception {
        harness.processElement2(CovisitMessage.successor("a", "b", T0), T0);
        harness.processElement2(CovisitMessage.successor("a", "b", T0 + 2 * MINUTE), T0);
        harness.processElement2(CovisitMessage.successor("a", "c", T0 + MINUTE), T0);
        harness.processElement2(CovisitMessage.successor("a", "a", T0), T0); // not a successor
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();
        setUp(snapshot);
        harness.processElement2(CovisitMessage.successor("a", "d", T0 + 3 * MINUTE), T0);
        harness.setProcessingTime(1);

        ItemFactorUpdate a = published("a");
        assertThat(a.nextShowIds()).containsExactly("b", "d", "c"); // d is newer than c
        double half = settings.covisit().halfLifeMs();
        double b = Math.pow(2, -3 * MINUTE / half) + Math.pow(2, -MINUTE / half);
        double c = Math.pow(2, -2 * MINUTE / half);
        double total = b + c + 1;
        assertThat((double) a.nextShowProbabilities()[0]).isCloseTo(b / total, within(1e-6));
        assertThat((double) a.nextShowProbabilities()[1]).isCloseTo(1 / total, within(1e-6));
        assertThat((double) a.nextShowProbabilities()[2]).isCloseTo(c / total, within(1e-6));
        assertThat(a.neighbourIds()).isEmpty();
        assertThat(similarRows()).isEmpty();
    }

    @Test
    void shouldIgnoreInconsistentPairsWithoutFailing() throws Exception {
        harness.processElement2(
                new CovisitMessage(
                        1,
                        "a",
                        T0,
                        CovisitMessage.NONE,
                        new String[] {"b", "c"},
                        new long[] {T0},
                        new double[] {1.0},
                        new long[] {T0},
                        new long[] {0},
                        null,
                        CovisitMessage.NONE),
                T0);
        harness.setProcessingTime(1);

        ItemFactorUpdate a = published("a");
        assertThat(a.covisitCount()).isEqualTo(1.0);
        assertThat(a.neighbours()).isEmpty();
        assertThat(similarRows()).isEmpty();
    }

    private ItemFactorUpdate published(String show) {
        return harness.extractOutputValues().stream()
                .filter(u -> u.showId().equals(show))
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    private List<SimilarTitles> similarRows() {
        return harness.getSideOutput(ItemFactorFunction.SIMILAR_TITLES) == null
                ? List.of()
                : harness.getSideOutput(ItemFactorFunction.SIMILAR_TITLES).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    private static CovisitMessage counted(String show, long time) {
        return new CovisitMessage(
                1,
                show,
                time,
                CovisitMessage.NONE,
                new String[0],
                new long[0],
                new double[0],
                new long[0],
                new long[0],
                null,
                CovisitMessage.NONE);
    }

    private static CovisitMessage paired(
            String show,
            String other,
            long pairTime,
            double otherCount,
            long otherAsOf,
            long publishedAt) {
        return new CovisitMessage(
                1,
                show,
                CovisitMessage.NONE,
                CovisitMessage.NONE,
                new String[] {other},
                new long[] {pairTime},
                new double[] {otherCount},
                new long[] {otherAsOf},
                new long[] {publishedAt},
                null,
                CovisitMessage.NONE);
    }

    private static float[] vector(float value) {
        float[] v = new float[K];
        v[0] = value;
        v[1] = -value;
        return v;
    }
}
