package io.reelstream.udfs.ranker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained gradient-boosted tree ensemble scored in plain Java: the serving side reads XGBoost's
 * JSON model format (the format {@code Booster.toByteArray("json")} and {@code save_model(*.json)}
 * write) and walks the trees itself, so the streaming job needs neither the native library nor JNI
 * calls per candidate. Numerical splits only: a feature value below the split goes left, a missing
 * (NaN) value goes the node's default way, as in XGBoost. The score is the margin (sum of leaves
 * plus the base score); rankers only compare it. Not thread-safe ({@link #scoreAll} reuses a
 * buffer): one per operator instance.
 */
public final class GbdtModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String version;
    private final List<String> featureNames;
    private final int[] treeRoots;
    private final int[] left;
    private final int[] right;
    private final int[] feature;
    private final float[] value;
    private final boolean[] defaultLeft;
    private final float baseScore;

    /** children[2n] = left, children[2n + 1] = right of node n (-1 below a leaf). */
    private final int[] children;

    /** 1 where a missing value goes right (the node's default is right), else 0. */
    private final int[] nanRight;

    /** The trees as perfect binary trees of their own depth, or null if one is too deep. */
    private final PerfectTrees perfect;

    private int[] scratch = new int[0];

    private GbdtModel(
            String version,
            List<String> featureNames,
            int[] treeRoots,
            int[] left,
            int[] right,
            int[] feature,
            float[] value,
            boolean[] defaultLeft,
            float baseScore) {
        this.version = version;
        this.featureNames = List.copyOf(featureNames);
        this.treeRoots = treeRoots;
        this.left = left;
        this.right = right;
        this.feature = feature;
        this.value = value;
        this.defaultLeft = defaultLeft;
        this.baseScore = baseScore;
        this.children = new int[2 * left.length];
        this.nanRight = new int[left.length];
        for (int n = 0; n < left.length; n++) {
            children[2 * n] = left[n];
            children[2 * n + 1] = right[n];
            nanRight[n] = defaultLeft[n] ? 0 : 1;
        }
        this.perfect = PerfectTrees.of(treeRoots, left, right, feature, value, nanRight);
    }

    /**
     * Reads an XGBoost JSON model. {@code version} names it in recommendations and metrics.
     *
     * @throws IllegalArgumentException if the document is not a gbtree model with numerical splits
     */
    public static GbdtModel fromXgboostJson(String version, byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON document: " + e.getMessage(), e);
        }
        JsonNode learner = root.path("learner");
        JsonNode model = learner.path("gradient_booster").path("model");
        JsonNode trees = model.path("trees");
        if (!trees.isArray()) {
            throw new IllegalArgumentException(
                    "no gradient_booster.model.trees: not a gbtree model");
        }
        List<String> names = new ArrayList<>();
        learner.path("feature_names").forEach(n -> names.add(n.asText()));
        int nodes = 0;
        for (JsonNode tree : trees) {
            nodes += tree.path("left_children").size();
        }
        int[] roots = new int[trees.size()];
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        int[] feature = new int[nodes];
        float[] value = new float[nodes];
        boolean[] defaultLeft = new boolean[nodes];
        int base = 0;
        int t = 0;
        for (JsonNode tree : trees) {
            roots[t++] = base;
            int size = tree.path("left_children").size();
            for (int n = 0; n < size; n++) {
                if (tree.path("split_type").path(n).asInt(0) != 0) {
                    throw new IllegalArgumentException("categorical splits are not supported");
                }
                int l = tree.path("left_children").path(n).asInt();
                int r = tree.path("right_children").path(n).asInt();
                left[base + n] = l < 0 ? -1 : base + l;
                right[base + n] = r < 0 ? -1 : base + r;
                feature[base + n] = tree.path("split_indices").path(n).asInt();
                value[base + n] = (float) tree.path("split_conditions").path(n).asDouble();
                defaultLeft[base + n] = tree.path("default_left").path(n).asInt() != 0;
            }
            base += size;
        }
        return new GbdtModel(
                version,
                names,
                roots,
                left,
                right,
                feature,
                value,
                defaultLeft,
                baseScore(learner.path("learner_model_param").path("base_score").asText("0")));
    }

    /** XGBoost 3 writes the base score as a vector string, e.g. {@code "[5E-1]"}. */
    private static float baseScore(String text) {
        String trimmed = text.replace("[", "").replace("]", "").trim();
        if (trimmed.isEmpty()) {
            return 0f;
        }
        return Float.parseFloat(trimmed.split(",")[0].trim());
    }

    public String version() {
        return version;
    }

    /** The feature names the model was trained with (empty if the trainer set none). */
    public List<String> featureNames() {
        return featureNames;
    }

    public int trees() {
        return treeRoots.length;
    }

    /**
     * Margins of {@code rows} feature vectors of {@code width} values each (row-major from 0) into
     * {@code out}: tree by tree over all rows, so each tree's nodes stay in cache, with the branch
     * choice computed rather than predicted (x ≥ threshold, or missing and defaulting right). Equal
     * to {@link #score} per row.
     */
    public void scoreAll(float[] features, int rows, int width, float[] out) {
        java.util.Arrays.fill(out, 0, rows, baseScore);
        if (perfect != null) {
            if (scratch.length < rows) {
                scratch = new int[rows];
            }
            perfect.addAll(features, rows, width, out, scratch);
            return;
        }
        for (int root : treeRoots) {
            for (int r = 0; r < rows; r++) {
                int base = r * width;
                int node = root;
                while (left[node] >= 0) {
                    float x = features[base + feature[node]];
                    int goRight = (x >= value[node] ? 1 : 0) | ((x != x ? 1 : 0) & nanRight[node]);
                    node = children[2 * node + goRight];
                }
                out[r] += value[node];
            }
        }
    }

    /** The margin of the feature vector at {@code features[offset, offset + width)}. */
    public float score(float[] features, int offset) {
        float sum = baseScore;
        for (int root : treeRoots) {
            int node = root;
            while (left[node] >= 0) {
                float x = features[offset + feature[node]];
                boolean goLeft = Float.isNaN(x) ? defaultLeft[node] : x < value[node];
                node = goLeft ? left[node] : right[node];
            }
            sum += value[node];
        }
        return sum;
    }
}
