package io.reelstream.udfs.ranker;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Hand-written XGBoost JSON models for tests of the serving side. */
public final class RankerTestModels {

    private RankerTestModels() {}

    /** One tree on feature {@code f}: below 0.5 scores {@code low}, else {@code high}. */
    public static byte[] oneSplit(List<String> names, int f, float low, float high) {
        String quoted = names.stream().map(n -> "\"" + n + "\"").toList().toString();
        return ("{\"learner\": {\"feature_names\": "
                        + quoted
                        + ", \"gradient_booster\": {\"model\": {\"trees\": [{\"left_children\":"
                        + " [1, -1, -1], \"right_children\": [2, -1, -1], \"split_indices\": ["
                        + f
                        + ", 0, 0], \"split_conditions\": [0.5, "
                        + low
                        + ", "
                        + high
                        + "], \"default_left\": [1, 0, 0], \"split_type\": [0, 0, 0]}]}},"
                        + " \"learner_model_param\": {\"base_score\": \"[0E0]\"}}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
