package io.reelstream.udfs.mf;

import java.util.SplittableRandom;

/**
 * The pairwise (BPR) SGD kernels over contiguous float arrays with offsets. Shared verbatim by the
 * in-memory learner (replay, benchmarks) and the split streaming learner (user side and item side),
 * so both train the same model. Allocation-free.
 *
 * <p>Objective per (user u, positive i, negative j) with weight w: {@code L = -w ln σ(x) + reg/2
 * (|p_u|² + |q_i|² + |q_j|²) + regB/2 (b_i² + b_j²)} where {@code x = b_i - b_j + p_u·(q_i - q_j)}.
 * Each step moves every parameter by {@code -lr ∂L/∂θ}.
 */
public final class BprMath {

    private BprMath() {}

    public static float dot(float[] a, int aOff, float[] b, int bOff, int k) {
        float sum = 0f;
        for (int f = 0; f < k; f++) {
            sum += a[aOff + f] * b[bOff + f];
        }
        return sum;
    }

    public static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /** {@code x = b_i - b_j + p_u·(q_i - q_j)}: how much the user prefers i over j. */
    public static float margin(
            float[] user,
            int uOff,
            float[] positive,
            int iOff,
            float positiveBias,
            float[] negative,
            int jOff,
            float negativeBias,
            int k) {
        float sum = positiveBias - negativeBias;
        for (int f = 0; f < k; f++) {
            sum += user[uOff + f] * (positive[iOff + f] - negative[jOff + f]);
        }
        return sum;
    }

    /** The common gradient factor {@code g = w σ(-x)} of one pairwise step. */
    public static float pairwiseGradient(float margin, float weight) {
        return weight * sigmoid(-margin);
    }

    /** {@code p_u += lr (g (q_i - q_j) - reg p_u)}. */
    public static void stepUser(
            float[] user,
            int uOff,
            float[] positive,
            int iOff,
            float[] negative,
            int jOff,
            float g,
            float lr,
            float reg,
            int k) {
        for (int f = 0; f < k; f++) {
            float u = user[uOff + f];
            user[uOff + f] = u + lr * (g * (positive[iOff + f] - negative[jOff + f]) - reg * u);
        }
    }

    /**
     * {@code q += lr (sign·g p_u - reg q)}, with {@code sign} +1 for the positive item and -1 for
     * the negative; {@code userBefore} must be the user vector before its own step.
     */
    public static void stepItem(
            float[] item,
            int qOff,
            float[] userBefore,
            int uOff,
            float signedG,
            float lr,
            float reg,
            int k) {
        for (int f = 0; f < k; f++) {
            float q = item[qOff + f];
            item[qOff + f] = q + lr * (signedG * userBefore[uOff + f] - reg * q);
        }
    }

    /** {@code b += lr (sign·g - regB b)}. */
    public static float stepBias(float bias, float signedG, float lr, float biasReg) {
        return bias + lr * (signedG - biasReg * bias);
    }

    /**
     * The data term {@code -ln σ(x)} of one pair with margin {@code x}, computed without overflow:
     * the online (prequential) loss of the user side when taken before the step.
     */
    public static double logLoss(double margin) {
        return margin >= 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
    }

    /** The objective of one pairwise step, for gradient checks and diagnostics. */
    public static double loss(
            float[] user,
            int uOff,
            float[] positive,
            int iOff,
            float positiveBias,
            float[] negative,
            int jOff,
            float negativeBias,
            float weight,
            float reg,
            float biasReg,
            int k) {
        double x =
                margin(user, uOff, positive, iOff, positiveBias, negative, jOff, negativeBias, k);
        double norms = 0;
        for (int f = 0; f < k; f++) {
            norms += sq(user[uOff + f]) + sq(positive[iOff + f]) + sq(negative[jOff + f]);
        }
        double logSigmoid = -Math.log1p(Math.exp(-x));
        return -weight * logSigmoid
                + reg / 2 * norms
                + biasReg / 2 * (sq(positiveBias) + sq(negativeBias));
    }

    /**
     * A deterministic prior vector for {@code id}: uniform in {@code [-scale, scale]}, the same on
     * every operator and every restart, so the user side and the item side agree on a title that
     * has not been learned yet.
     */
    public static void prior(String id, long seed, float scale, float[] dst, int off, int k) {
        SplittableRandom random =
                new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * id.hashCode()));
        for (int f = 0; f < k; f++) {
            dst[off + f] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
    }

    private static double sq(double v) {
        return v * v;
    }
}
