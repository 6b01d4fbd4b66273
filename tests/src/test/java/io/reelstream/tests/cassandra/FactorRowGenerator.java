package io.reelstream.tests.cassandra;

import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Generates {@code count} factor updates over {@code keys} ids in scrambled version order (so newer
 * and older updates of one id arrive out of order); every {@code badEvery}-th update has a vector
 * of the wrong dimension (0 = none). {@link #expectedLatest} is the naive reference.
 */
final class FactorRowGenerator implements GeneratorFunction<Long, FactorRow> {

    private static final long serialVersionUID = 1L;
    static final long BASE_MILLIS = 1_790_000_000_000L;
    private static final long SCRAMBLE = 7919;

    private final long count;
    private final int keys;
    private final int badEvery;
    private final long versionOffset;

    FactorRowGenerator(long count, int keys, int badEvery, long versionOffset) {
        if (count % SCRAMBLE == 0) {
            throw new IllegalArgumentException("count must not be a multiple of " + SCRAMBLE);
        }
        this.count = count;
        this.keys = keys;
        this.badEvery = badEvery;
        this.versionOffset = versionOffset;
    }

    @Override
    public FactorRow map(Long index) {
        long version = (index * SCRAMBLE) % count + versionOffset;
        boolean bad = badEvery > 0 && index % badEvery == badEvery - 1;
        return row(version, keys, bad);
    }

    static FactorRow row(long version, int keys, boolean wrongDimension) {
        int dimension =
                wrongDimension ? FactorsTestTable.DIMENSION - 1 : FactorsTestTable.DIMENSION;
        float[] factors = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            factors[j] = (float) Math.sin(version * 0.37 + j) + 1.5f;
        }
        return new FactorRow("id-" + (version % keys), factors, version, BASE_MILLIS + version);
    }

    /** Index of the {@code index}-th generated update (for the reference). */
    boolean isBad(long index) {
        return badEvery > 0 && index % badEvery == badEvery - 1;
    }

    long version(long index) {
        return (index * SCRAMBLE) % count + versionOffset;
    }
}
