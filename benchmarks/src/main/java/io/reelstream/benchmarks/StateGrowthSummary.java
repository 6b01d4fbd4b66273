package io.reelstream.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The verdict of {@code reelstream bench state-growth} for one job: checkpointed state size against
 * event time, its peak, and whether it stopped growing once event time passed the longest retention
 * (the plateau) while members kept arriving.
 */
final class StateGrowthSummary {

    /** One sample: a completed checkpoint and what the job had seen by then. */
    record Sample(
            double eventDay,
            long membersSeen,
            long checkpointId,
            long stateBytes,
            long keys,
            long liveBytes,
            Map<String, Long> keysByState,
            Map<String, Long> bytesByVertex) {}

    private final double plateauFromDay;
    private final List<Sample> samples = new ArrayList<>();

    /**
     * @param plateauFromDay event day (from the run's start) after which no state may be older than
     *     the longest retention, so the size should no longer grow
     */
    StateGrowthSummary(double plateauFromDay) {
        this.plateauFromDay = plateauFromDay;
    }

    void add(Sample sample) {
        samples.add(sample);
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    boolean isEmpty() {
        return samples.isEmpty();
    }

    Sample last() {
        return samples.get(samples.size() - 1);
    }

    Sample peak() {
        Sample peak = samples.get(0);
        for (Sample s : samples) {
            if (s.stateBytes() > peak.stateBytes()) {
                peak = s;
            }
        }
        return peak;
    }

    /** Samples at or after the plateau day. */
    List<Sample> plateau() {
        List<Sample> plateau = new ArrayList<>();
        for (Sample s : samples) {
            if (s.eventDay() >= plateauFromDay) {
                plateau.add(s);
            }
        }
        return plateau;
    }

    /** Mean state bytes over the plateau samples; -1 if the run did not reach the plateau. */
    long plateauBytes() {
        List<Sample> plateau = plateau();
        if (plateau.isEmpty()) {
            return -1;
        }
        long total = 0;
        for (Sample s : plateau) {
            total += s.stateBytes();
        }
        return total / plateau.size();
    }

    /** First plateau sample, or null. */
    Sample plateauStart() {
        List<Sample> plateau = plateau();
        return plateau.isEmpty() ? null : plateau.get(0);
    }

    /**
     * Relative change of {@code metric} over the plateau: mean of its second half over mean of its
     * first half, minus 1 (0.0 = flat, 1.0 = doubled). Halves, not end points: incremental RocksDB
     * checkpoint sizes swing with compaction. NaN with fewer than two plateau samples.
     */
    double plateauGrowth(ToLongFunction<Sample> metric) {
        double[] halves = plateauHalves(metric);
        return halves == null || halves[0] <= 0 ? Double.NaN : halves[1] / halves[0] - 1;
    }

    /** Means of {@code metric} over the first and the second half of the plateau, or null. */
    double[] plateauHalves(ToLongFunction<Sample> metric) {
        List<Sample> plateau = plateau();
        if (plateau.size() < 2) {
            return null;
        }
        int half = plateau.size() / 2;
        return new double[] {
            mean(plateau.subList(0, half), metric),
            mean(plateau.subList(plateau.size() - half, plateau.size()), metric)
        };
    }

    private static double mean(List<Sample> samples, ToLongFunction<Sample> metric) {
        double total = 0;
        for (Sample s : samples) {
            total += metric.applyAsLong(s);
        }
        return total / samples.size();
    }

    double lastOverPeak() {
        return last().stateBytes() / (double) Math.max(1, peak().stateBytes());
    }
}
