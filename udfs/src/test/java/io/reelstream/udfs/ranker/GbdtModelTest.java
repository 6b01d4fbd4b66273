package io.reelstream.udfs.ranker;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GbdtModelTest {

    /**
     * Two trees in XGBoost 3's JSON layout. Tree 0: x0 < 0.5 ? -1 : (x1 < 2 ? 0.25 : 0.75), a
     * missing x1 goes left. Tree 1: x2 < 10 ? 0.1 : 0.2, a missing x2 goes right. Base 0.5.
     */
    static final String TWO_TREES =
            """
            {"learner": {"feature_names": ["a", "b", "c"],
              "gradient_booster": {"model": {"trees": [
                {"left_children": [1, -1, 3, -1, -1], "right_children": [2, -1, 4, -1, -1],
                 "split_indices": [0, 0, 1, 0, 0],
                 "split_conditions": [0.5, -1.0, 2.0, 0.25, 0.75],
                 "default_left": [0, 0, 1, 0, 0], "split_type": [0, 0, 0, 0, 0]},
                {"left_children": [1, -1, -1], "right_children": [2, -1, -1],
                 "split_indices": [2, 0, 0], "split_conditions": [10.0, 0.1, 0.2],
                 "default_left": [0, 0, 0], "split_type": [0, 0, 0]}]}, "name": "gbtree"},
              "learner_model_param": {"base_score": "[5E-1]"}}, "version": [3, 4, 0]}
            """;

    @Test
    void walksEveryTreeAndAddsTheBaseScore() {
        GbdtModel model = model(TWO_TREES);

        assertThat(model.trees()).isEqualTo(2);
        assertThat(model.featureNames()).containsExactly("a", "b", "c");
        assertThat(model.score(new float[] {0.2f, 9f, 3f}, 0)).isEqualTo(0.5f - 1f + 0.1f);
        assertThat(model.score(new float[] {0.7f, 1f, 30f}, 0)).isEqualTo(0.5f + 0.25f + 0.2f);
        assertThat(model.score(new float[] {0.7f, 2f, 3f}, 0)).isEqualTo(0.5f + 0.75f + 0.1f);
    }

    @Test
    void splitsAtTheThresholdAsXgboostDoesAndRoutesMissingValuesByTheirDefault() {
        GbdtModel model = model(TWO_TREES);

        // x < threshold goes left; equal goes right.
        assertThat(model.score(new float[] {0.5f, 1f, 10f}, 0)).isEqualTo(0.5f + 0.25f + 0.2f);
        // Missing x1 → left (0.25); missing x2 → right (0.2).
        assertThat(model.score(new float[] {0.9f, Float.NaN, Float.NaN}, 0))
                .isEqualTo(0.5f + 0.25f + 0.2f);
        // Offsets address one row of a row-major matrix.
        float[] rows = {9f, 9f, 9f, 0.2f, 9f, 3f};
        assertThat(model.score(rows, 3)).isEqualTo(0.5f - 1f + 0.1f);
    }

    @Test
    void scoresABatchLikeOneRowAtATimeIncludingLeavesAboveTheBottom() {
        GbdtModel model = model(TWO_TREES); // tree 0 has a leaf at depth 1, tree 1 is depth 1
        java.util.Random random = new java.util.Random(3);
        int rows = 300;
        float[] batch = new float[rows * 3];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = random.nextInt(6) == 0 ? Float.NaN : random.nextFloat() * 12f;
        }
        batch[0] = 0.5f; // on a threshold
        batch[4] = 2f;
        float[] out = new float[rows];

        model.scoreAll(batch, rows, 3, out);

        for (int r = 0; r < rows; r++) {
            assertThat(out[r]).as("row %d", r).isEqualTo(model.score(batch, r * 3));
        }
    }

    @Test
    void rejectsWhatItCannotScore() {
        assertThatThrownBy(() -> model("{\"learner\": {}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gbtree");
        assertThatThrownBy(() -> model("not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON");
        assertThatThrownBy(
                        () ->
                                model(
                                        TWO_TREES.replace(
                                                "\"split_type\": [0, 0, 0]}",
                                                "\"split_type\": [1, 0, 0]}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("categorical");
    }

    private static GbdtModel model(String json) {
        return GbdtModel.fromXgboostJson("test-1", json.getBytes(StandardCharsets.UTF_8));
    }
}
