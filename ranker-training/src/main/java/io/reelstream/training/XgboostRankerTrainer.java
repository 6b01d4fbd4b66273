package io.reelstream.training;

import io.reelstream.udfs.ranker.GbdtModel;
import io.reelstream.udfs.ranker.RankerFeatures;
import io.reelstream.udfs.ranker.RankerTrainer;
import io.reelstream.udfs.ranker.RankingExamples;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.Arrays;
import java.util.Map;

/**
 * Trains the ranker with XGBoost's LambdaMART ({@code rank:ndcg}, one group per decision) and hands
 * it to serving as a {@link GbdtModel} read from XGBoost's own JSON model, so what is served is
 * exactly what was trained. Single-threaded with a fixed seed: the same examples give the same
 * model.
 */
public final class XgboostRankerTrainer implements RankerTrainer {

    private final RankerTrainingParams params;

    public XgboostRankerTrainer(RankerTrainingParams params) {
        this.params = params;
    }

    @Override
    public GbdtModel train(RankingExamples examples, String version) {
        return GbdtModel.fromXgboostJson(version, trainJson(examples));
    }

    /** The trained model in XGBoost's JSON format (what {@code train ranker} writes). */
    public byte[] trainJson(RankingExamples examples) {
        DMatrix data = null;
        Booster booster = null;
        try {
            data = matrix(examples);
            booster =
                    XGBoost.train(
                            data, params.xgboostParams(), params.rounds(), Map.of(), null, null);
            return booster.toByteArray("json");
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
            if (data != null) {
                data.dispose();
            }
        }
    }

    /** The examples as a grouped DMatrix with the feature names of {@link RankerFeatures}. */
    static DMatrix matrix(RankingExamples examples) throws XGBoostError {
        int rows = examples.rows();
        float[] features = Arrays.copyOf(examples.features(), rows * examples.width());
        DMatrix data = new DMatrix(features, rows, examples.width(), Float.NaN);
        data.setLabel(examples.labels());
        int[] groups = new int[examples.groups()];
        for (int g = 0; g < groups.length; g++) {
            groups[g] = examples.groupSize(g);
        }
        data.setGroup(groups);
        if (examples.width() == RankerFeatures.COUNT) {
            data.setFeatureNames(RankerFeatures.NAMES.toArray(new String[0]));
        }
        return data;
    }

    /** Predicted margins from XGBoost itself, for checking the Java scorer against it. */
    static float[] xgboostMargins(byte[] json, float[] features, int rows, int width)
            throws XGBoostError, java.io.IOException {
        Booster booster = XGBoost.loadModel(json);
        DMatrix data = new DMatrix(features, rows, width, Float.NaN);
        try {
            float[][] margins = booster.predict(data, true);
            float[] out = new float[rows];
            for (int r = 0; r < rows; r++) {
                out[r] = margins[r][0];
            }
            return out;
        } finally {
            data.dispose();
            booster.dispose();
        }
    }
}
