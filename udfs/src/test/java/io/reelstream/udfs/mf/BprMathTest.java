package io.reelstream.udfs.mf;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BprMathTest {

    private static final int K = 6;
    private static final float LR = 1e-3f;
    private static final float REG = 0.05f;
    private static final float BIAS_REG = 0.02f;
    private static final float WEIGHT = 2f;

    private final SplittableRandom random = new SplittableRandom(3);
    private final float[] user = randomVector();
    private final float[] positive = randomVector();
    private final float[] negative = randomVector();
    private final float bi = 0.3f;
    private final float bj = -0.2f;

    @Test
    void userStepFollowsTheNegativeNumericalGradient() {
        float g = gradient();
        float[] stepped = user.clone();
        BprMath.stepUser(stepped, 0, positive, 0, negative, 0, g, LR, REG, K);

        for (int f = 0; f < K; f++) {
            double numeric = numericalDerivative(user, f);
            assertThat((stepped[f] - user[f]) / LR).isCloseTo((float) -numeric, within(2e-3f));
        }
    }

    @Test
    void itemStepsFollowTheNegativeNumericalGradient() {
        float g = gradient();
        float[] steppedPositive = positive.clone();
        float[] steppedNegative = negative.clone();
        BprMath.stepItem(steppedPositive, 0, user, 0, g, LR, REG, K);
        BprMath.stepItem(steppedNegative, 0, user, 0, -g, LR, REG, K);

        for (int f = 0; f < K; f++) {
            assertThat((steppedPositive[f] - positive[f]) / LR)
                    .isCloseTo((float) -numericalDerivative(positive, f), within(2e-3f));
            assertThat((steppedNegative[f] - negative[f]) / LR)
                    .isCloseTo((float) -numericalDerivative(negative, f), within(2e-3f));
        }
    }

    @Test
    void biasStepsFollowTheNegativeNumericalGradient() {
        float g = gradient();
        double h = 1e-3;
        double dBi =
                (loss(user, positive, negative, bi + h, bj)
                                - loss(user, positive, negative, bi - h, bj))
                        / (2 * h);
        double dBj =
                (loss(user, positive, negative, bi, bj + h)
                                - loss(user, positive, negative, bi, bj - h))
                        / (2 * h);

        assertThat((BprMath.stepBias(bi, g, LR, BIAS_REG) - bi) / LR)
                .isCloseTo((float) -dBi, within(2e-3f));
        assertThat((BprMath.stepBias(bj, -g, LR, BIAS_REG) - bj) / LR)
                .isCloseTo((float) -dBj, within(2e-3f));
    }

    @Test
    void aStepLowersTheLoss() {
        float g = gradient();
        double before = loss(user, positive, negative, bi, bj);
        float[] u = user.clone();
        float[] qi = positive.clone();
        float[] qj = negative.clone();
        BprMath.stepUser(u, 0, positive, 0, negative, 0, g, 0.1f, REG, K);
        BprMath.stepItem(qi, 0, user, 0, g, 0.1f, REG, K);
        BprMath.stepItem(qj, 0, user, 0, -g, 0.1f, REG, K);

        double after =
                loss(
                        u,
                        qi,
                        qj,
                        BprMath.stepBias(bi, g, 0.1f, BIAS_REG),
                        BprMath.stepBias(bj, -g, 0.1f, BIAS_REG));

        assertThat(after).isLessThan(before);
    }

    @Test
    void priorIsDeterministicPerIdAndBounded() {
        float[] a = new float[K];
        float[] b = new float[K];
        float[] c = new float[K];
        BprMath.prior("show-1", 42, 0.1f, a, 0, K);
        BprMath.prior("show-1", 42, 0.1f, b, 0, K);
        BprMath.prior("show-2", 42, 0.1f, c, 0, K);

        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
        for (float v : a) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(0.1f);
        }
    }

    @Test
    void shouldComputeTheLogLossWithoutOverflow() {
        assertThat(BprMath.logLoss(0)).isCloseTo(Math.log(2), within(1e-12));
        assertThat(BprMath.logLoss(-1000)).isCloseTo(1000, within(1e-9));
        assertThat(BprMath.logLoss(1000)).isCloseTo(0, within(1e-12));
        assertThat(BprMath.logLoss(2)).isCloseTo(-Math.log(BprMath.sigmoid(2)), within(1e-6));
    }

    private float gradient() {
        float x = BprMath.margin(user, 0, positive, 0, bi, negative, 0, bj, K);
        return BprMath.pairwiseGradient(x, WEIGHT);
    }

    private double numericalDerivative(float[] vector, int f) {
        double h = 1e-3;
        float original = vector[f];
        vector[f] = (float) (original + h);
        double plus = loss(user, positive, negative, bi, bj);
        vector[f] = (float) (original - h);
        double minus = loss(user, positive, negative, bi, bj);
        vector[f] = original;
        return (plus - minus) / (2 * h);
    }

    private static double loss(float[] u, float[] qi, float[] qj, double bi, double bj) {
        return BprMath.loss(u, 0, qi, 0, (float) bi, qj, 0, (float) bj, WEIGHT, REG, BIAS_REG, K);
    }

    private float[] randomVector() {
        float[] v = new float[K];
        for (int f = 0; f < K; f++) {
            v[f] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }
}
