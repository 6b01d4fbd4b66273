package io.reelstream.udfs.qoe;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental window aggregation of cohort samples into a {@link CohortAccumulator}. */
public class CohortMetricsAggregate
        implements AggregateFunction<CohortSample, CohortAccumulator, CohortAccumulator> {

    private static final long serialVersionUID = 1L;

    @Override
    public CohortAccumulator createAccumulator() {
        return new CohortAccumulator();
    }

    @Override
    public CohortAccumulator add(CohortSample sample, CohortAccumulator accumulator) {
        return accumulator.add(sample);
    }

    @Override
    public CohortAccumulator getResult(CohortAccumulator accumulator) {
        return accumulator;
    }

    @Override
    public CohortAccumulator merge(CohortAccumulator a, CohortAccumulator b) {
        return a.merge(b);
    }
}
