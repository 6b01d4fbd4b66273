package io.reelstream.pipelines.common;

import io.reelstream.schemas.deadletter.DeadLetter;

import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What {@link Ingest#decode} gives a job: the decoded, event-time-stamped events and the records
 * that were rejected on the way.
 *
 * @param events valid events with timestamps and watermarks assigned
 * @param deadLetters rejected records, to be passed to {@link Ingest#writeDeadLetters}
 */
public record Ingested<T>(DataStream<T> events, DataStream<DeadLetter> deadLetters) {}
