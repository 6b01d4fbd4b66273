package io.reelstream.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
     * Relative change of {@code metric} from the first plateau sample to the last sample (0.0 =
     * flat, 1.0 = doubled); NaN without plateau samples.
     */
    double plateauGrowth(java.util.function.ToLongFunction<Sample> metric) {
        Sample start = plateauStart();
        if (start == null || metric.applyAsLong(start) <= 0) {
            return Double.NaN;
        }
        return (metric.applyAsLong(last()) - metric.applyAsLong(start))
                / (double) metric.applyAsLong(start);
    }

    /** Members seen per plateau sample divided by members seen at its start (growth of input). */
    double membersGrowth() {
        return plateauGrowth(Sample::membersSeen);
    }

    double lastOverPeak() {
        return last().stateBytes() / (double) Math.max(1, peak().stateBytes());
    }
}
