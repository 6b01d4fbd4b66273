package io.reelstream.tests.evolution;

import io.reelstream.pipelines.common.Ingest;
import io.reelstream.pipelines.common.Ingested;
import io.reelstream.pipelines.continuewatching.ContinueWatchingJob;
import io.reelstream.pipelines.continuewatching.ContinueWatchingJobSettings;
import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.udfs.continuewatching.ContinueWatchingFunction;
import io.reelstream.udfs.continuewatching.ContinueWatchingRow;
import io.reelstream.udfs.continuewatching.ContinueWatchingRowUpdate;
import io.reelstream.udfs.continuewatching.TitleProgress;
import io.reelstream.udfs.ingest.EventTimeWatermarks;
import io.reelstream.udfs.ingest.IngestKeys;
import io.reelstream.udfs.ingest.IngestSettings;
import io.reelstream.udfs.ingest.NeverHoldBackWatermarks;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import java.util.List;

/**
 * The continue-watching job as a careless next version might wire it: the same operator ids, but
 * the rows operator changed in a way its v1 savepoint cannot follow. Restoring must fail loudly at
 * start, never run on misread state. Two changes:
 *
 * <ul>
 *   <li>{@link #perProfile}: keyed by (user, profile) instead of user (the key type changes from
 *       {@code String} to {@code Tuple2<String, String>}).
 *   <li>{@link #rowAsBareList}: same key, but the row state {@code continue-watching-row} is
 *       redeclared as a bare list of titles instead of the {@link ContinueWatchingRow} POJO.
 * </ul>
 */
final class ChangedContinueWatchingJob {

    private final ContinueWatchingJobSettings options;
    private final Source<RawRecord, ?, ?> playbackSource;
    private final Source<RawRecord, ?, ?> catalogSource;
    private final Sink<ContinueWatchingRowUpdate> rowSink;
    private final Sink<DeadLetter> deadLetterSink;
    private final boolean perProfile;

    private ChangedContinueWatchingJob(
            ContinueWatchingJobSettings options,
            Source<RawRecord, ?, ?> playbackSource,
            Source<RawRecord, ?, ?> catalogSource,
            Sink<ContinueWatchingRowUpdate> rowSink,
            Sink<DeadLetter> deadLetterSink,
            boolean perProfile) {
        this.options = options;
        this.playbackSource = playbackSource;
        this.catalogSource = catalogSource;
        this.rowSink = rowSink;
        this.deadLetterSink = deadLetterSink;
        this.perProfile = perProfile;
    }

    static ChangedContinueWatchingJob perProfile(
            ContinueWatchingJobSettings options,
            Source<RawRecord, ?, ?> playbackSource,
            Source<RawRecord, ?, ?> catalogSource,
            Sink<ContinueWatchingRowUpdate> rowSink,
            Sink<DeadLetter> deadLetterSink) {
        return new ChangedContinueWatchingJob(
                options, playbackSource, catalogSource, rowSink, deadLetterSink, true);
    }

    static ChangedContinueWatchingJob rowAsBareList(
            ContinueWatchingJobSettings options,
            Source<RawRecord, ?, ?> playbackSource,
            Source<RawRecord, ?, ?> catalogSource,
            Sink<ContinueWatchingRowUpdate> rowSink,
            Sink<DeadLetter> deadLetterSink) {
        return new ChangedContinueWatchingJob(
                options, playbackSource, catalogSource, rowSink, deadLetterSink, false);
    }

    /** The production graph with the changed rows operator; every uid as in v1. */
    void build(StreamExecutionEnvironment env) {
        IngestSettings ingest = options.ingest();
        Ingested<PlaybackEvent> playback =
                Ingest.decode(
                        env,
                        playbackSource,
                        "playback",
                        EventCodecs.playbackDecoder(ingest.decodeLimits()),
                        EventTimeWatermarks.playback(ingest),
                        ContinueWatchingJob.NAME,
                        TypeInformation.of(PlaybackEvent.class));
        Ingested<CatalogRecord> catalog =
                Ingest.decode(
                        env,
                        catalogSource,
                        "catalog",
                        EventCodecs.catalogDecoder(ingest.decodeLimits()),
                        NeverHoldBackWatermarks.<CatalogRecord>strategy()
                                .withTimestampAssigner(new EventTimeWatermarks.CatalogUpdatedAt()),
                        ContinueWatchingJob.NAME,
                        TypeInformation.of(CatalogRecord.class));
        BroadcastStream<CatalogRecord> titles =
                catalog.events().broadcast(ContinueWatchingFunction.CATALOG);
        TypeInformation<ContinueWatchingRowUpdate> out =
                TypeInformation.of(ContinueWatchingRowUpdate.class);
        long maxAgeMs = options.settings().maxAgeMs();
        var rows =
                perProfile
                        ? keyed(playback, new UserAndProfile())
                                .connect(titles)
                                .process(
                                        new ChangedRowFunction<Tuple2<String, String>>(
                                                maxAgeMs,
                                                TypeInformation.of(ContinueWatchingRow.class)),
                                        out)
                        : keyed(playback, new IngestKeys.PlaybackByMember())
                                .connect(titles)
                                .process(
                                        new ChangedRowFunction<String>(
                                                maxAgeMs,
                                                Types.LIST(
                                                        TypeInformation.of(TitleProgress.class))),
                                        out);
        rows.uid(ContinueWatchingJob.UID_ROWS).name("continue watching rows (changed)");
        rows.sinkTo(rowSink)
                .uid(ContinueWatchingJob.UID_CASSANDRA_SINK)
                .name("write continue watching");
        Ingest.writeDeadLetters(deadLetterSink, List.of(playback, catalog));
    }

    private static <K> KeyedStream<PlaybackEvent, K> keyed(
            Ingested<PlaybackEvent> playback, KeySelector<PlaybackEvent, K> key) {
        return playback.events().keyBy(key);
    }

    /** The changed key: one row per profile. */
    static final class UserAndProfile
            implements KeySelector<PlaybackEvent, Tuple2<String, String>> {
        private static final long serialVersionUID = 1L;

        @Override
        public Tuple2<String, String> getKey(PlaybackEvent event) {
            return Tuple2.of(event.userId(), String.valueOf(event.profileId()));
        }
    }

    /**
     * Declares the row state under its v1 name and type information {@code rowType}, with the v1
     * TTL, and writes nothing: a restore that got this far with an incompatible change is a bug.
     */
    static final class ChangedRowFunction<K>
            extends KeyedBroadcastProcessFunction<
                    K, PlaybackEvent, CatalogRecord, ContinueWatchingRowUpdate> {
        private static final long serialVersionUID = 1L;

        private final long maxAgeMs;
        private final TypeInformation<?> rowType;
        private transient ValueState<?> row;

        ChangedRowFunction(long maxAgeMs, TypeInformation<?> rowType) {
            this.maxAgeMs = maxAgeMs;
            this.rowType = rowType;
        }

        @Override
        public void open(OpenContext openContext) {
            row = getRuntimeContext().getState(descriptor(rowType));
        }

        private <T> ValueStateDescriptor<T> descriptor(TypeInformation<T> type) {
            ValueStateDescriptor<T> descriptor =
                    new ValueStateDescriptor<>("continue-watching-row", type);
            descriptor.enableTimeToLive(
                    StateTtlConfig.newBuilder(java.time.Duration.ofMillis(maxAgeMs))
                            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                            .build());
            return descriptor;
        }

        @Override
        public void processElement(
                PlaybackEvent event, ReadOnlyContext ctx, Collector<ContinueWatchingRowUpdate> out)
                throws Exception {
            row.value(); // reads restored state: must never happen with an incompatible change
        }

        @Override
        public void processBroadcastElement(
                CatalogRecord record, Context ctx, Collector<ContinueWatchingRowUpdate> out) {}
    }
}
