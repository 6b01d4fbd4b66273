package io.reelstream.pipelines.common;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.decode.EventDecoder;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.udfs.ingest.DecodeFunction;
import io.reelstream.udfs.ingest.EventTimeDecodeOperator;
import io.reelstream.udfs.ingest.EventTimeWatermarks;
import io.reelstream.udfs.ingest.IngestSettings;
import io.reelstream.udfs.ingest.NeverHoldBackWatermarks;
import io.reelstream.udfs.ingest.WallClock;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one way every job reads a topic: raw records from a source, decoded with an {@link
 * EventDecoder} (rejects to a dead-letter stream) and given their event time, with watermarks per
 * Kafka partition. Operator ids and names derive from the source name so that all jobs look alike
 * and savepoints stay compatible:
 *
 * <pre>
 *   source-&lt;name&gt;  "read &lt;name&gt;"       RawRecord, no watermarks
 *   decode-&lt;name&gt;  "decode &lt;name&gt;"     T with event time and watermarks, side output DeadLetter
 *   dead-letters-sink "write dead letters"  (see {@link #writeDeadLetters})
 * </pre>
 *
 * <p>Duplicates are dropped where counts matter, inside the counting function's own state (session
 * features: {@code RecentEventIds}); jobs whose results are idempotent (latest state wins) need
 * none.
 *
 * <p>Watermarks are assigned after decoding, never in the source: a record with a garbage or far
 * future event time is rejected by the decoder and can never advance the watermark. They are still
 * kept per partition ({@link EventTimeDecodeOperator}): a source subtask interleaves several
 * partitions, and in catch-up one of them can be hours of event time ahead of the others.
 *
 * <p>Until session 18 a separate operator ({@code watermarks-<name>}) gave one watermark per
 * subtask; it held no state, so savepoints taken with it restore without it.
 */
public final class Ingest {

    public static final String DEAD_LETTER_SINK_UID = "dead-letters-sink";
    public static final String DEAD_LETTER_SINK_NAME = "write dead letters";

    private Ingest() {}

    /** Uid of the source operator for {@code sourceName}. */
    public static String sourceUid(String sourceName) {
        return "source-" + sourceName;
    }

    /** Uid of the decode operator for {@code sourceName}. */
    public static String decodeUid(String sourceName) {
        return "decode-" + sourceName;
    }

    /** Reads, decodes and timestamps the playback topic ({@code source-playback}, ...). */
    public static Ingested<PlaybackEvent> playback(
            StreamExecutionEnvironment env,
            Source<RawRecord, ?, ?> source,
            IngestSettings ingest,
            String pipeline) {
        return decode(
                env,
                source,
                "playback",
                EventCodecs.playbackDecoder(ingest.decodeLimits()),
                EventTimeWatermarks.playback(ingest),
                pipeline,
                TypeInformation.of(PlaybackEvent.class));
    }

    /**
     * Reads and decodes the catalog topic as a side input: its watermarks never hold back the main
     * input and never jump to the end of time (see {@link NeverHoldBackWatermarks}).
     */
    public static Ingested<CatalogRecord> catalog(
            StreamExecutionEnvironment env,
            Source<RawRecord, ?, ?> source,
            IngestSettings ingest,
            String pipeline) {
        return decode(
                env,
                source,
                "catalog",
                EventCodecs.catalogDecoder(ingest.decodeLimits()),
                NeverHoldBackWatermarks.<CatalogRecord>strategy()
                        .withTimestampAssigner(new EventTimeWatermarks.CatalogUpdatedAt()),
                pipeline,
                TypeInformation.of(CatalogRecord.class));
    }

    /**
     * Reads, decodes and timestamps one source.
     *
     * @param env the job's environment
     * @param source raw records (e.g. from {@code KafkaSources})
     * @param sourceName short stable name, e.g. {@code "playback"}; becomes part of operator uids,
     *     so never change it for a running job
     * @param decoder the contract's strict decoder
     * @param watermarks event-time strategy for the decoded events (e.g. from {@code
     *     EventTimeWatermarks})
     * @param pipeline the job's name, written into every dead letter
     * @param type type information of the decoded events
     */
    public static <T> Ingested<T> decode(
            StreamExecutionEnvironment env,
            Source<RawRecord, ?, ?> source,
            String sourceName,
            EventDecoder<T> decoder,
            WatermarkStrategy<T> watermarks,
            String pipeline,
            TypeInformation<T> type) {
        return decode(
                env, source, sourceName, new DecodeFunction<>(decoder, pipeline), watermarks, type);
    }

    /**
     * As {@link #decode(StreamExecutionEnvironment, Source, String, EventDecoder,
     * WatermarkStrategy, String, TypeInformation)}, for a contract whose records carry several
     * events ({@link DecodeFunction#expanding}).
     */
    public static <T> Ingested<T> decodeEach(
            StreamExecutionEnvironment env,
            Source<RawRecord, ?, ?> source,
            String sourceName,
            EventDecoder<? extends List<T>> decoder,
            WatermarkStrategy<T> watermarks,
            String pipeline,
            TypeInformation<T> type) {
        return decode(
                env,
                source,
                sourceName,
                DecodeFunction.expanding(decoder, pipeline, WallClock.SYSTEM),
                watermarks,
                type);
    }

    private static <T> Ingested<T> decode(
            StreamExecutionEnvironment env,
            Source<RawRecord, ?, ?> source,
            String sourceName,
            DecodeFunction<T> decodeFunction,
            WatermarkStrategy<T> watermarks,
            TypeInformation<T> type) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(watermarks, "watermarks");
        requireName(sourceName);
        DataStream<RawRecord> raw =
                env.fromSource(
                                source,
                                WatermarkStrategy.noWatermarks(),
                                "read " + sourceName,
                                TypeInformation.of(RawRecord.class))
                        .uid(sourceUid(sourceName));
        SingleOutputStreamOperator<T> events =
                raw.transform(
                                "decode " + sourceName,
                                type,
                                new EventTimeDecodeOperator<>(decodeFunction, watermarks))
                        .uid(decodeUid(sourceName));
        DataStream<DeadLetter> deadLetters = events.getSideOutput(DecodeFunction.DEAD_LETTERS);
        return new Ingested<>(events, deadLetters);
    }

    /** Unions the dead letters of every ingested source into {@code sink}. */
    public static DataStreamSink<DeadLetter> writeDeadLetters(
            Sink<DeadLetter> sink, List<? extends Ingested<?>> ingested) {
        List<DataStream<DeadLetter>> streams = new ArrayList<>();
        for (Ingested<?> each : ingested) {
            streams.add(each.deadLetters());
        }
        return writeDeadLetterStreams(sink, streams);
    }

    /**
     * Unions dead-letter streams (from {@link Ingested#deadLetters()} or any other stage that
     * rejects records, e.g. a Cassandra sink) into {@code sink}.
     */
    public static DataStreamSink<DeadLetter> writeDeadLetterStreams(
            Sink<DeadLetter> sink, List<DataStream<DeadLetter>> streams) {
        Objects.requireNonNull(sink, "sink");
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("no dead-letter streams to write");
        }
        DataStream<DeadLetter> all = streams.get(0);
        if (streams.size() > 1) {
            @SuppressWarnings("unchecked")
            DataStream<DeadLetter>[] rest =
                    streams.subList(1, streams.size()).toArray(new DataStream[0]);
            all = all.union(rest);
        }
        return all.sinkTo(sink).uid(DEAD_LETTER_SINK_UID).name(DEAD_LETTER_SINK_NAME);
    }

    private static void requireName(String sourceName) {
        if (sourceName == null || !sourceName.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException(
                    "source name must be lower-case letters, digits and '-': " + sourceName);
        }
    }
}
