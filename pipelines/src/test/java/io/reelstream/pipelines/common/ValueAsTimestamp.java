package io.reelstream.pipelines.common;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/** Test timestamp assigner: the decoded value is the event time. */
final class ValueAsTimestamp implements SerializableTimestampAssigner<Long> {

    @Override
    public long extractTimestamp(Long value, long recordTimestamp) {
        return value;
    }
}
