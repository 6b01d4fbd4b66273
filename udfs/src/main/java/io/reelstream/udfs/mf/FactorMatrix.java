package io.reelstream.udfs.mf;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Factor vectors and biases of many ids in contiguous float arrays (row {@code r} at offset {@code
 * r * k}), so scoring loops run over one array without pointer chasing or allocation. A tiled copy
 * ({@link #tiles()}: {@value #TILE} rows at a time, feature-major inside the tile) lets top-N
 * scoring read memory strictly sequentially with one SIMD register per tile; every write through
 * this class keeps it in sync, and callers that write {@link #factors()} directly call {@link
 * #syncTile(int)} or, when many writes come before the next read of the tiles (the learner's item
 * steps), {@link #markChanged(int)}: changed rows are copied once, when {@link #tiles()} is next
 * read. Rows are never removed; ids map to rows through a hash index.
 */
public final class FactorMatrix {

    /** Rows per tile of {@link #tiles()}: one 512-bit register of floats. */
    public static final int TILE = 16;

    private final int k;
    private final Map<String, Integer> rows = new HashMap<>();
    private float[] factors;
    private float[] biases;
    private float[] tiles;
    private String[] ids;
    private int size;
    private boolean[] changed;
    private int[] changedRows;
    private int changedCount;

    public FactorMatrix(int k, int initialCapacity) {
        this.k = k;
        int capacity = (Math.max(TILE, initialCapacity) + TILE - 1) / TILE * TILE;
        this.factors = new float[capacity * k];
        this.biases = new float[capacity];
        this.tiles = new float[capacity * k];
        this.ids = new String[capacity];
        this.changed = new boolean[capacity];
        this.changedRows = new int[capacity];
    }

    public int k() {
        return k;
    }

    public int size() {
        return size;
    }

    /** The row of {@code id}, or -1. */
    public int rowOf(String id) {
        Integer row = rows.get(id);
        return row == null ? -1 : row;
    }

    public String id(int row) {
        return ids[row];
    }

    /** The row of {@code id}, adding it with its deterministic prior and bias 0 if absent. */
    public int rowOrPrior(String id, long seed, float initScale) {
        Integer row = rows.get(id);
        if (row != null) {
            return row;
        }
        int added = append(id);
        BprMath.prior(id, seed, initScale, factors, added * k, k);
        syncTile(added);
        return added;
    }

    /** Sets (adding if absent) the vector and bias of {@code id}; returns its row. */
    public int put(String id, float[] vector, float bias) {
        if (vector.length != k) {
            throw new IllegalArgumentException(
                    "vector of " + id + " has dimension " + vector.length + ", expected " + k);
        }
        int row = rowOf(id);
        if (row < 0) {
            row = append(id);
        }
        System.arraycopy(vector, 0, factors, row * k, k);
        biases[row] = bias;
        syncTile(row);
        return row;
    }

    /** The backing factor array (valid until the next add); row r starts at {@code r * k}. */
    public float[] factors() {
        return factors;
    }

    /**
     * The tiled copy (valid until the next add or change): feature {@code f} of row {@code r} at
     * {@link #tileOffset tileOffset(r, f)}, so tile {@code t} (rows {@code t * TILE ...}) is the
     * contiguous range {@code [t * TILE * k, (t + 1) * TILE * k)}. Rows past {@link #size()} are
     * zero. Copies the rows {@link #markChanged marked changed} first.
     */
    public float[] tiles() {
        for (int c = 0; c < changedCount; c++) {
            int row = changedRows[c];
            changed[row] = false;
            syncTile(row);
        }
        changedCount = 0;
        return tiles;
    }

    /**
     * Records that row {@code row} of {@link #factors()} was written; {@link #tiles()} copies it
     * before it is next read. Cheaper than {@link #syncTile} per write: a row written many times
     * between two reads is copied once.
     */
    public void markChanged(int row) {
        if (!changed[row]) {
            changed[row] = true;
            changedRows[changedCount++] = row;
        }
    }

    /** Where feature {@code f} of row {@code row} sits in {@link #tiles()}. */
    public int tileOffset(int row, int f) {
        return (row / TILE) * (TILE * k) + f * TILE + row % TILE;
    }

    /** Copies row {@code row} of {@link #factors()} into {@link #tiles()}. */
    public void syncTile(int row) {
        int off = row * k;
        int tile = (row / TILE) * (TILE * k) + row % TILE;
        for (int f = 0; f < k; f++) {
            tiles[tile + f * TILE] = factors[off + f];
        }
    }

    /** The backing bias array (valid until the next add). */
    public float[] biases() {
        return biases;
    }

    public float bias(int row) {
        return biases[row];
    }

    public void setBias(int row, float bias) {
        biases[row] = bias;
    }

    /** A copy of the vector in {@code row}. */
    public float[] vector(int row) {
        return Arrays.copyOfRange(factors, row * k, row * k + k);
    }

    private int append(String id) {
        if (size == ids.length) {
            int capacity = ids.length * 2;
            factors = Arrays.copyOf(factors, capacity * k);
            biases = Arrays.copyOf(biases, capacity);
            ids = Arrays.copyOf(ids, capacity);
            changed = new boolean[capacity];
            changedRows = new int[capacity];
            changedCount = 0;
            tiles = new float[capacity * k];
            for (int row = 0; row < size; row++) {
                syncTile(row);
            }
        }
        ids[size] = id;
        rows.put(id, size);
        return size++;
    }
}
