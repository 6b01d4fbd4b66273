package io.reelstream.benchmarks.engine;

import io.reelstream.pipelines.common.Ingest;
import io.reelstream.pipelines.common.Ingested;
import io.reelstream.schemas.TopicNames;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.events.SearchEvent;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.udfs.ingest.EventTimeWatermarks;
import io.reelstream.udfs.ingest.IngestKeys;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.IngestSettings;
import io.reelstream.udfs.ingest.KafkaSources;
import io.reelstream.udfs.qoe.PlaybackSample;
import io.reelstream.udfs.qoe.TelemetrySamples;
import io.reelstream.udfs.qoe.cmcd.CmcdDecoder;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.util.List;

/**
 * The engine benchmark's baseline: every generator topic read and decoded exactly as the jobs do
 * ({@link Ingest}), keyed by member (the catalog by title) and discarded. What is left of a job's
 * catch-up cost above this is the job's own work.
 */
public final class PassThroughJob {

    public static final String NAME = "passthrough";
    public static final String JOB_NAME = "Reelstream benchmark pass-through";

    /** The generator topics it reads. */
    public static final List<String> TOPICS =
            List.of(
                    TopicNames.PLAYBACK,
                    TopicNames.SEARCH,
                    TopicNames.CATALOG,
                    TopicNames.QOE,
                    TopicNames.CMCD);

    private PassThroughJob() {}

    /** Adds the graph to {@code env}. */
    public static void build(Configuration conf, StreamExecutionEnvironment env) {
        IngestSettings ingest = IngestOptions.from(conf);
        DecodeLimits limits = ingest.decodeLimits();
        discard(
                Ingest.playback(env, source(ingest, TopicNames.PLAYBACK), ingest, NAME),
                new IngestKeys.PlaybackByMember(),
                "playback");
        discard(
                Ingest.decode(
                        env,
                        source(ingest, TopicNames.SEARCH),
                        "search",
                        EventCodecs.searchDecoder(limits),
                        EventTimeWatermarks.search(ingest),
                        NAME,
                        TypeInformation.of(SearchEvent.class)),
                new IngestKeys.SearchByMember(),
                "search");
        discard(
                Ingest.catalog(env, source(ingest, TopicNames.CATALOG), ingest, NAME),
                new CatalogTitle(),
                "catalog");
        discard(
                Ingest.decode(
                        env,
                        source(ingest, TopicNames.QOE),
                        "qoe",
                        EventCodecs.qoeDecoder(limits),
                        EventTimeWatermarks.qoe(ingest),
                        NAME,
                        TypeInformation.of(QoeEvent.class)),
                new QoeUser(),
                "qoe");
        discard(
                Ingest.decodeEach(
                        env,
                        source(ingest, TopicNames.CMCD),
                        "cmcd",
                        CmcdDecoder.of(limits),
                        EventTimeWatermarks.of(ingest, new TelemetrySamples.EventTime()),
                        NAME,
                        TypeInformation.of(PlaybackSample.class)),
                new SampleUser(),
                "cmcd");
    }

    private static Source<RawRecord, ?, ?> source(IngestSettings ingest, String topic) {
        return KafkaSources.rawRecords(ingest, List.of(topic));
    }

    private static <T> void discard(
            Ingested<T> ingested, KeySelector<T, String> key, String sourceName) {
        DataStream<T> events = ingested.events();
        events.keyBy(key)
                .sinkTo(new DiscardingSink<>())
                .uid("discard-" + sourceName)
                .name("discard " + sourceName);
    }

    /** QoE samples by member; CMCD records without a member by playback. */
    static final class QoeUser implements KeySelector<QoeEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(QoeEvent event) {
            return of(event);
        }

        static String of(QoeEvent event) {
            return event.userId() != null ? event.userId() : event.playbackId();
        }
    }

    /** CMCD samples by member, or by playback when the record has no member. */
    static final class SampleUser implements KeySelector<PlaybackSample, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(PlaybackSample sample) {
            return QoeUser.of(sample.event());
        }
    }

    /** Catalog records by title. */
    static final class CatalogTitle implements KeySelector<CatalogRecord, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(CatalogRecord record) {
            return record.titleId();
        }
    }
}
