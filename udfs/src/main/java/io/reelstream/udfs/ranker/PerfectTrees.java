package io.reelstream.udfs.ranker;

import java.util.Arrays;

/**
 * The ensemble laid out for batch scoring: each tree padded to a perfect binary tree of its own
 * depth (a leaf above the bottom becomes a chain of always-left nodes ending in copies of its
 * value), so every row takes exactly depth steps of {@code i = 2i + 1 + goRight} with no leaf test,
 * and the rows of a batch advance level by level: independent chains the CPU overlaps. Used by
 * {@link GbdtModel#scoreAll}; trees deeper than {@link #MAX_DEPTH} keep the node walk.
 */
final class PerfectTrees {

    static final int MAX_DEPTH = 12;

    private final int[] depth;
    private final int[] nodeOffset;
    private final int[] leafOffset;
    private final int[] feature;
    private final float[] threshold;
    private final int[] nanRight;
    private final float[] leaves;

    private PerfectTrees(
            int[] depth,
            int[] nodeOffset,
            int[] leafOffset,
            int[] feature,
            float[] threshold,
            int[] nanRight,
            float[] leaves) {
        this.depth = depth;
        this.nodeOffset = nodeOffset;
        this.leafOffset = leafOffset;
        this.feature = feature;
        this.threshold = threshold;
        this.nanRight = nanRight;
        this.leaves = leaves;
    }

    /** The padded layout of node-walk trees, or null if a tree is deeper than MAX_DEPTH. */
    static PerfectTrees of(
            int[] roots, int[] left, int[] right, int[] feature, float[] value, int[] nanRight) {
        int trees = roots.length;
        int[] depth = new int[trees];
        int nodes = 0;
        int leafCount = 0;
        for (int t = 0; t < trees; t++) {
            depth[t] = depthOf(roots[t], left, right);
            if (depth[t] > MAX_DEPTH) {
                return null;
            }
            nodes += (1 << depth[t]) - 1;
            leafCount += 1 << depth[t];
        }
        Layout layout = new Layout(left, right, feature, value, nanRight, nodes, leafCount);
        int[] nodeOffset = new int[trees];
        int[] leafOffset = new int[trees];
        int n = 0;
        int l = 0;
        for (int t = 0; t < trees; t++) {
            nodeOffset[t] = n;
            leafOffset[t] = l;
            layout.fill(roots[t], 0, 0, depth[t], n, l);
            n += (1 << depth[t]) - 1;
            l += 1 << depth[t];
        }
        return new PerfectTrees(
                depth, nodeOffset, leafOffset, layout.f, layout.th, layout.nr, layout.lv);
    }

    /** Adds every tree's leaf for each of {@code rows} rows to {@code out}. */
    void addAll(float[] features, int rows, int width, float[] out, int[] at) {
        for (int t = 0; t < depth.length; t++) {
            int base = nodeOffset[t];
            if (depth[t] == 0) {
                for (int r = 0; r < rows; r++) {
                    out[r] += leaves[leafOffset[t]];
                }
                continue;
            }
            // Level 0: every row is at the root, so its split is read once.
            int rootFeature = feature[base];
            float rootThreshold = threshold[base];
            int rootNanRight = nanRight[base];
            for (int r = 0; r < rows; r++) {
                float x = features[r * width + rootFeature];
                at[r] = 1 + ((x >= rootThreshold ? 1 : 0) | ((x != x ? 1 : 0) & rootNanRight));
            }
            for (int level = 1; level < depth[t]; level++) {
                for (int r = 0; r < rows; r++) {
                    int i = at[r];
                    int node = base + i;
                    float x = features[r * width + feature[node]];
                    int goRight =
                            (x >= threshold[node] ? 1 : 0) | ((x != x ? 1 : 0) & nanRight[node]);
                    at[r] = 2 * i + 1 + goRight;
                }
            }
            int first = (1 << depth[t]) - 1;
            int leafBase = leafOffset[t] - first;
            for (int r = 0; r < rows; r++) {
                out[r] += leaves[leafBase + at[r]];
            }
        }
    }

    private static int depthOf(int node, int[] left, int[] right) {
        if (left[node] < 0) {
            return 0;
        }
        return 1 + Math.max(depthOf(left[node], left, right), depthOf(right[node], left, right));
    }

    /** Copies node-walk trees into the padded arrays. */
    private static final class Layout {
        final int[] left;
        final int[] right;
        final int[] feature;
        final float[] value;
        final int[] nanRight;
        final int[] f;
        final float[] th;
        final int[] nr;
        final float[] lv;

        Layout(
                int[] left,
                int[] right,
                int[] feature,
                float[] value,
                int[] nanRight,
                int nodes,
                int leafCount) {
            this.left = left;
            this.right = right;
            this.feature = feature;
            this.value = value;
            this.nanRight = nanRight;
            this.f = new int[nodes];
            this.th = new float[nodes];
            this.nr = new int[nodes];
            this.lv = new float[leafCount];
            Arrays.fill(th, Float.POSITIVE_INFINITY); // padding: x >= +inf is false, NaN goes left
        }

        /**
         * Copies the subtree at {@code node} to perfect position {@code index} of {@code level}.
         */
        void fill(int node, int index, int level, int depth, int nodeBase, int leafBase) {
            int firstLeaf = (1 << depth) - 1;
            if (level == depth) {
                lv[leafBase + index - firstLeaf] = value[node];
                return;
            }
            if (left[node] < 0) {
                // A leaf above the bottom: padding nodes (always left) down to copies of its value.
                int leftmost = index;
                for (int d = level; d < depth; d++) {
                    leftmost = 2 * leftmost + 1;
                }
                int leaf = leafBase + leftmost - firstLeaf;
                Arrays.fill(lv, leaf, leaf + (1 << (depth - level)), value[node]);
                return;
            }
            f[nodeBase + index] = feature[node];
            th[nodeBase + index] = value[node];
            nr[nodeBase + index] = nanRight[node];
            fill(left[node], 2 * index + 1, level + 1, depth, nodeBase, leafBase);
            fill(right[node], 2 * index + 2, level + 1, depth, nodeBase, leafBase);
        }
    }
}
