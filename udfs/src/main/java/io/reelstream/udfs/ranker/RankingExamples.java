package io.reelstream.udfs.ranker;

import java.util.Arrays;

/**
 * Labelled ranking decisions for training: each group is one recommendation decision (a member at a
 * moment), its rows the candidates with their feature vectors as served and a relevance label.
 * Groups are kept in decision-time order, so a time-based split is a cut at a group index.
 */
public final class RankingExamples {

    private final int width;
    private float[] features = new float[0];
    private float[] labels = new float[0];
    private int[] groupStarts = new int[] {0};
    private long[] groupTimes = new long[0];
    private int rows;
    private int groups;

    public RankingExamples(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be positive: " + width);
        }
        this.width = width;
    }

    public int width() {
        return width;
    }

    public int rows() {
        return rows;
    }

    public int groups() {
        return groups;
    }

    /** Starts a decision group at {@code decidedAt} (epoch ms, not before the previous group). */
    public void beginGroup(long decidedAt) {
        if (groups > 0 && decidedAt < groupTimes[groups - 1]) {
            throw new IllegalArgumentException("groups must come in decision-time order");
        }
        if (groups == groupTimes.length) {
            groupTimes = Arrays.copyOf(groupTimes, Math.max(16, groups * 2));
            groupStarts = Arrays.copyOf(groupStarts, Math.max(17, groups * 2 + 1));
        }
        groupTimes[groups] = decidedAt;
        groupStarts[groups + 1] = rows;
        groups++;
    }

    /** Adds a candidate row to the current group from {@code vector[offset, offset + width)}. */
    public void add(float[] vector, int offset, float label) {
        if (groups == 0) {
            throw new IllegalStateException("beginGroup first");
        }
        if (rows == labels.length) {
            int capacity = Math.max(64, rows * 2);
            labels = Arrays.copyOf(labels, capacity);
            features = Arrays.copyOf(features, capacity * width);
        }
        System.arraycopy(vector, offset, features, rows * width, width);
        labels[rows++] = label;
        groupStarts[groups] = rows;
    }

    /** Row-major features of all rows ({@code rows() * width()} values; may be longer). */
    public float[] features() {
        return features;
    }

    public float label(int row) {
        return labels[row];
    }

    public float[] labels() {
        return Arrays.copyOf(labels, rows);
    }

    /** First row of {@code group}. */
    public int groupStart(int group) {
        return groupStarts[group];
    }

    public int groupSize(int group) {
        return groupStarts[group + 1] - groupStarts[group];
    }

    public long groupTime(int group) {
        return groupTimes[group];
    }

    /** Groups {@code [from, to)} as a new set (a time-based split or a recency cap). */
    public RankingExamples slice(int from, int to) {
        RankingExamples out = new RankingExamples(width);
        for (int g = from; g < to; g++) {
            out.beginGroup(groupTimes[g]);
            for (int r = groupStart(g); r < groupStart(g + 1); r++) {
                out.add(features, r * width, labels[r]);
            }
        }
        return out;
    }
}
