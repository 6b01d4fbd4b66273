package io.reelstream.udfs.qoe;

import org.apache.flink.api.java.functions.KeySelector;

/** The QoE job's key selectors (convention in {@code IngestKeys}). */
public final class QoeKeys {

    private QoeKeys() {}

    /** Telemetry samples by playback (CMCD {@code sid}). */
    public static final class SampleByPlayback implements KeySelector<PlaybackSample, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(PlaybackSample sample) {
            return sample.playbackId();
        }
    }

    /** Cohort samples by cohort, so cohort aggregation scales with the number of cohorts. */
    public static final class SampleByCohort implements KeySelector<CohortSample, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(CohortSample sample) {
            return sample.cohort();
        }
    }

    /** Cohort window metrics by cohort, for per-cohort anomaly detection. */
    public static final class MetricsByCohort implements KeySelector<CohortMetrics, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(CohortMetrics metrics) {
            return metrics.cohort();
        }
    }
}
