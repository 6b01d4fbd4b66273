package io.reelstream.udfs.qoe;

import org.apache.flink.api.java.functions.KeySelector;

/** Keys cohort window metrics by cohort for per-cohort anomaly detection. */
public class CohortMetricsKey implements KeySelector<CohortMetrics, String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(CohortMetrics metrics) {
        return metrics.cohort();
    }
}
