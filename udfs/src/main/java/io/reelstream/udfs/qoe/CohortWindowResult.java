package io.reelstream.udfs.qoe;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns a cohort's window accumulator into {@link CohortMetrics} stamped with its window. */
public class CohortWindowResult
        extends ProcessWindowFunction<CohortAccumulator, CohortMetrics, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    @Override
    public void process(
            String cohort,
            Context context,
            Iterable<CohortAccumulator> accumulators,
            Collector<CohortMetrics> out) {
        for (CohortAccumulator accumulator : accumulators) {
            out.collect(
                    accumulator.result(
                            cohort, context.window().getStart(), context.window().getEnd()));
        }
    }
}
