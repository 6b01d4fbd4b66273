package io.reelstream.engine;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Decides from successive samples of a job's source lag whether the job is falling behind: the lag
 * grew in each of the last {@code samples} samples, all of them at or above {@code floorRecords}. A
 * lag that stays high but steady (a backlog being worked off at the input rate) or shrinks is not
 * falling behind; a single burst is not either.
 */
public final class LagTrend {

    private final int samples;
    private final long floorRecords;
    private final Deque<Long> recent = new ArrayDeque<>();

    /**
     * @param samples consecutive growing samples that make a trend (at least 2)
     * @param floorRecords lags below this are never "falling behind"
     */
    public LagTrend(int samples, long floorRecords) {
        if (samples < 2) {
            throw new IllegalArgumentException("a trend needs at least 2 samples");
        }
        this.samples = samples;
        this.floorRecords = floorRecords;
    }

    /** Adds a sample; returns whether the job is now falling behind. */
    public boolean add(long lagRecords) {
        recent.addLast(lagRecords);
        while (recent.size() > samples + 1) {
            recent.removeFirst();
        }
        if (recent.size() <= samples) {
            return false;
        }
        long previous = Long.MIN_VALUE;
        for (long lag : recent) {
            if (lag <= previous || lag < floorRecords) {
                return false;
            }
            previous = lag;
        }
        return true;
    }
}
