package io.reelstream.udfs.cassandra.internal;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delay before retry number {@code n}: doubling from an initial delay up to a cap, with "equal
 * jitter" (half fixed, half random) so that many writers do not retry in lock step.
 */
final class ExponentialBackoff implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long initialMillis;
    private final long maxMillis;

    public ExponentialBackoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "Backoff needs 0 < initial <= max, was " + initial + ", " + max);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** The capped delay without jitter before retry {@code retry} (1 = first retry). */
    public long ceilingMillis(int retry) {
        int doublings = Math.min(Math.max(retry - 1, 0), 30);
        return Math.min(maxMillis, initialMillis << doublings);
    }

    /** A delay in {@code [ceiling / 2, ceiling]} before retry {@code retry}. */
    public long delayMillis(int retry) {
        long ceiling = ceilingMillis(retry);
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    }
}
