package io.reelstream.udfs.qoe;

import io.reelstream.schemas.qoe.SessionSummary;
import io.reelstream.udfs.qoe.model.CohortDimension;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Explodes a session summary into one {@link CohortSample} per {@link CohortDimension} it has a
 * value for, so cohort aggregation can be keyed (and scaled) by cohort.
 */
public class ExplodeCohortsFunction implements FlatMapFunction<SessionSummary, CohortSample> {

    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(SessionSummary summary, Collector<CohortSample> out) {
        for (CohortDimension dimension : CohortDimension.values()) {
            String value = dimension.valueOf(summary);
            if (value != null) {
                out.collect(
                        new CohortSample(
                                dimension.cohortKey(value),
                                summary.endTime(),
                                summary.startFailure(),
                                summary.exitBeforeStart(),
                                summary.startupMs(),
                                knownRebufferMs(summary),
                                knownPlayMs(summary)));
            }
        }
    }

    /** A playback whose rebuffer time is unknown stays out of the cohort's rebuffer ratio. */
    private static long knownRebufferMs(SessionSummary summary) {
        return summary.rebufferDurationKnown() ? summary.rebufferMs() : 0;
    }

    private static long knownPlayMs(SessionSummary summary) {
        return summary.rebufferDurationKnown() ? summary.playMs() : 0;
    }
}
