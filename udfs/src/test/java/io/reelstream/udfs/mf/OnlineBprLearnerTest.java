package io.reelstream.udfs.mf;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class OnlineBprLearnerTest {

    /** Users and items with planted rank-3 factors; positives are each user's truly best items. */
    @Test
    void convergesOnAPlantedLowRankMatrix() {
        int users = 300;
        int items = 120;
        int rank = 3;
        SplittableRandom random = new SplittableRandom(1);
        double[][] u = gaussian(random, users, rank);
        double[][] v = gaussian(random, items, rank);
        OnlineBprLearner learner =
                new OnlineBprLearner(
                        MfHyperparameters.defaults().withK(16).withLearningRate(0.05f),
                        users,
                        items);
        for (int i = 0; i < items; i++) {
            learner.itemRow("i" + i);
        }

        double before = auc(learner, u, v, new SplittableRandom(2));

        for (int epoch = 0; epoch < 40; epoch++) {
            for (int n = 0; n < users * 10; n++) {
                int user = random.nextInt(users);
                int item = random.nextInt(items);
                if (truth(u[user], v[item]) > 1.0) {
                    learner.learn("u" + user, "i" + item, 1f);
                }
            }
        }

        assertThat(before).isBetween(0.4, 0.6);
        assertThat(auc(learner, u, v, new SplittableRandom(2))).isGreaterThan(0.88);
    }

    @Test
    void negativeWeightLowersTheItemForTheUser() {
        OnlineBprLearner learner = new OnlineBprLearner(MfHyperparameters.defaults(), 4, 4);
        for (int i = 0; i < 20; i++) {
            learner.itemRow("i" + i);
        }
        int user = learner.userRow("u");
        learner.learn("u", "i0", 1f);
        float before = learner.score(user, learner.itemRow("i0"));

        for (int n = 0; n < 20; n++) {
            learner.learn("u", "i0", -0.3f);
        }

        assertThat(learner.score(user, learner.itemRow("i0"))).isLessThan(before);
    }

    @Test
    void aSingleItemCatalogHasNothingToContrast() {
        OnlineBprLearner learner = new OnlineBprLearner(MfHyperparameters.defaults(), 1, 1);
        assertThat(learner.learn("u", "only", 1f)).isZero();
        assertThat(learner.learn("u", "second", 1f))
                .isEqualTo(MfHyperparameters.defaults().negativesPerUpdate());
    }

    private static double auc(
            OnlineBprLearner learner, double[][] u, double[][] v, SplittableRandom random) {
        int correct = 0;
        int pairs = 0;
        for (int n = 0; n < 20_000; n++) {
            int user = random.nextInt(u.length);
            int a = random.nextInt(v.length);
            int b = random.nextInt(v.length);
            double ta = truth(u[user], v[a]);
            double tb = truth(u[user], v[b]);
            if (Math.abs(ta - tb) < 0.5) {
                continue;
            }
            int row = learner.userRow("u" + user);
            float sa = learner.score(row, learner.itemRow("i" + a));
            float sb = learner.score(row, learner.itemRow("i" + b));
            pairs++;
            if ((ta > tb) == (sa > sb)) {
                correct++;
            }
        }
        return (double) correct / pairs;
    }

    private static double truth(double[] a, double[] b) {
        double s = 0;
        for (int f = 0; f < a.length; f++) {
            s += a[f] * b[f];
        }
        return s;
    }

    private static double[][] gaussian(SplittableRandom random, int rows, int rank) {
        double[][] m = new double[rows][rank];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < rank; f++) {
                m[r][f] = nextGaussian(random);
            }
        }
        return m;
    }

    private static double nextGaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
