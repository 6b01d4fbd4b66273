package io.reelstream.udfs.qoe;

import org.apache.flink.api.java.functions.KeySelector;

/** Keys cohort samples by cohort, so cohort aggregation scales with the number of cohorts. */
public class CohortKey implements KeySelector<CohortSample, String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(CohortSample sample) {
        return sample.cohort();
    }
}
