package io.reelstream.udfs.mf;

import java.util.Arrays;

/**
 * Selects the N best-scoring rows of a {@link FactorMatrix} (score {@code b_i + p·q_i}) or of a
 * plain score array with a bounded min-heap: O(rows · k + rows · log N), no allocation per call
 * once the exclusion mask has grown to the matrix size. Not thread-safe: one per operator. Scoring
 * is blocked and four columns wide, and only rows that beat the current N-th best touch the heap or
 * the exclusion mask (see docs/benchmarks.md, "Online MF").
 *
 * <p>Results are in {@link #row(int)} / {@link #score(int)} for {@code 0 <= r < count}, best first;
 * ties broken by the lower row.
 */
public final class TopNSelector {

    /** Rows scored per block: 4 KB of scores, resident in L1 while the columns stream past. */
    private static final int BLOCK = 1024;

    private final int capacity;
    private final int[] heapRows;
    private final float[] heapScores;
    private boolean[] excluded = new boolean[0];
    private final float[] scores = new float[BLOCK];
    private final TileScorer scorer;
    private int count;

    public TopNSelector(int capacity) {
        this(capacity, TileScorer.best());
    }

    TopNSelector(int capacity, TileScorer scorer) {
        this.capacity = capacity;
        this.heapRows = new int[capacity];
        this.heapScores = new float[capacity];
        this.scorer = scorer;
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
     *
     * <p>Rows are scored in blocks of {@link #BLOCK} from the matrix's {@link FactorMatrix#tiles()
     * tiles} (sequential memory, SIMD where available, see {@link TileScorer}), so a block's scores
     * stay in L1; only scores above the current N-th best reach the heap or the exclusion mask.
     */
    public int select(float[] query, int qOff, FactorMatrix items, int n) {
        int k = items.k();
        int rows = items.size();
        float[] tiles = items.tiles();
        float[] biases = items.biases();
        float[] block = scores;
        begin(n);
        int limit = Math.min(n, capacity);
        for (int base = 0; base < rows; base += BLOCK) {
            int length = Math.min(BLOCK, rows - base);
            scorer.score(query, qOff, tiles, biases, k, base, length, block);
            offerAll(block, base, length, limit);
        }
        return finish();
    }

    /** Top {@code n} indexes of {@code scores[0, length)}; returns the number of results. */
    public int selectScores(float[] scores, int length, int n) {
        begin(n);
        int limit = Math.min(n, capacity);
        offerAll(scores, 0, length, limit);
        return finish();
    }

    /**
     * Top {@code n} of sparse candidates: row {@code rows[t]} scores {@code scores[t]} for {@code 0
     * <= t < length}, rows distinct and in any order (ties still go to the lower row); returns the
     * number of results.
     */
    public int selectRows(int[] rows, float[] scores, int length, int n) {
        begin(n);
        int limit = Math.min(n, capacity);
        if (limit == 0) {
            return finish();
        }
        for (int t = 0; t < length; t++) {
            int row = rows[t];
            float score = scores[t];
            if (isExcluded(row)) {
                continue;
            }
            if (count < limit) {
                heapRows[count] = row;
                heapScores[count] = score;
                siftUp(count++);
            } else if (worse(heapRows[0], heapScores[0], row, score)) {
                heapRows[0] = row;
                heapScores[0] = score;
                siftDown(0);
            }
        }
        return finish();
    }

    /**
     * Offers {@code block[0, length)} (rows {@code base + t}). Once the heap is full a row must
     * score strictly above its root to enter: rows arrive in ascending order, so on a tie the
     * earlier row already in the heap wins, as {@link #worse} orders them.
     */
    private void offerAll(float[] block, int base, int length, int limit) {
        if (limit == 0) {
            return;
        }
        int t = 0;
        for (; t < length && count < limit; t++) {
            int row = base + t;
            if (!isExcluded(row)) {
                heapRows[count] = row;
                heapScores[count] = block[t];
                siftUp(count++);
            }
        }
        float threshold = count < limit ? Float.NEGATIVE_INFINITY : heapScores[0];
        for (; t < length; t++) {
            float score = block[t];
            if (score > threshold && !isExcluded(base + t)) {
                heapRows[0] = base + t;
                heapScores[0] = score;
                siftDown(0);
                threshold = heapScores[0];
            }
        }
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
