package io.reelstream.udfs.mf;

import java.util.Arrays;

/**
 * Selects the N best-scoring rows of a {@link FactorMatrix} (score {@code b_i + p·q_i}) or of a
 * plain score array with a bounded min-heap: O(rows · k + rows · log N), no allocation per call
 * once the exclusion mask has grown to the matrix size. Not thread-safe: one per operator.
 *
 * <p>Results are in {@link #row(int)} / {@link #score(int)} for {@code 0 <= r < count}, best first;
 * ties broken by the lower row.
 */
public final class TopNSelector {

    private final int capacity;
    private final int[] heapRows;
    private final float[] heapScores;
    private boolean[] excluded = new boolean[0];
    private float[] scores = new float[0];
    private int count;

    public TopNSelector(int capacity) {
        this.capacity = capacity;
        this.heapRows = new int[capacity];
        this.heapScores = new float[capacity];
    }

    /** Marks {@code row} as excluded until {@link #clearExclusions}. */
    public void exclude(int row) {
        if (row >= excluded.length) {
            excluded = Arrays.copyOf(excluded, Math.max(row + 1, excluded.length * 2));
        }
        excluded[row] = true;
    }

    /** Clears one exclusion set with {@link #exclude}. */
    public void clearExclusionOf(int row) {
        if (row >= 0 && row < excluded.length) {
            excluded[row] = false;
        }
    }

    public boolean isExcluded(int row) {
        return row < excluded.length && excluded[row];
    }

    /** Clears every exclusion. */
    public void clearAllExclusions() {
        Arrays.fill(excluded, false);
    }

    /**
     * Top {@code n} (≤ capacity) rows of {@code items} for the query vector at {@code query[qOff]};
     * returns the number of results.
     */
    public int select(float[] query, int qOff, FactorMatrix items, int n) {
        int k = items.k();
        int rows = items.size();
        if (scores.length < rows) {
            scores = new float[Math.max(rows, scores.length * 2)];
        }
        float[] columns = items.columns();
        int stride = items.columnStride();
        System.arraycopy(items.biases(), 0, scores, 0, rows);
        for (int f = 0; f < k; f++) {
            accumulate(scores, query[qOff + f], columns, f * stride, rows);
        }
        return selectScores(scores, rows, n);
    }

    /** {@code scores[t] += weight * column[base + t]}: a loop the JIT vectorizes. */
    private static void accumulate(
            float[] scores, float weight, float[] column, int base, int rows) {
        for (int t = 0; t < rows; t++) {
            scores[t] += weight * column[base + t];
        }
    }

    /** Top {@code n} indexes of {@code scores[0, length)}; returns the number of results. */
    public int selectScores(float[] scores, int length, int n) {
        begin(n);
        int limit = Math.min(n, capacity);
        for (int row = 0; row < length; row++) {
            if (row < excluded.length && excluded[row]) {
                continue;
            }
            offer(row, scores[row], limit);
        }
        return finish();
    }

    public int count() {
        return count;
    }

    public int row(int rank) {
        return heapRows[rank];
    }

    public float score(int rank) {
        return heapScores[rank];
    }

    /** Whether {@code row} is among the current results. */
    public boolean contains(int row) {
        for (int r = 0; r < count; r++) {
            if (heapRows[r] == row) {
                return true;
            }
        }
        return false;
    }

    /** 1-based rank of {@code row} in the current results, or 0. */
    public int rankOf(int row) {
        for (int r = 0; r < count; r++) {
            if (heapRows[r] == row) {
                return r + 1;
            }
        }
        return 0;
    }

    private void begin(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        count = 0;
    }

    private void offer(int row, float score, int limit) {
        if (count < limit) {
            heapRows[count] = row;
            heapScores[count] = score;
            siftUp(count++);
        } else if (limit > 0 && worse(heapRows[0], heapScores[0], row, score)) {
            heapRows[0] = row;
            heapScores[0] = score;
            siftDown(0);
        }
    }

    /** True if (rowA, a) ranks below (rowB, b). */
    private static boolean worse(int rowA, float a, int rowB, float b) {
        return a < b || (a == b && rowA > rowB);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(heapRows[i], heapScores[i], heapRows[parent], heapScores[parent])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= count) {
                return;
            }
            int worst = left;
            int right = left + 1;
            if (right < count
                    && worse(
                            heapRows[right], heapScores[right], heapRows[left], heapScores[left])) {
                worst = right;
            }
            if (!worse(heapRows[worst], heapScores[worst], heapRows[i], heapScores[i])) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    /** Heap-sorts the results in place, best first. */
    private int finish() {
        int n = count;
        for (int end = n - 1; end > 0; end--) {
            swap(0, end);
            count = end;
            siftDown(0);
        }
        count = n;
        return n;
    }

    private void swap(int a, int b) {
        int row = heapRows[a];
        heapRows[a] = heapRows[b];
        heapRows[b] = row;
        float score = heapScores[a];
        heapScores[a] = heapScores[b];
        heapScores[b] = score;
    }
}
