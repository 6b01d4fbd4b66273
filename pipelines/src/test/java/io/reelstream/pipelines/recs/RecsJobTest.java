package io.reelstream.pipelines.recs;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.udfs.covisit.CovisitParams;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.recs.ItemFactorUpdate;
import io.reelstream.udfs.recs.Recommendations;
import io.reelstream.udfs.recs.SimilarTitles;
import io.reelstream.udfs.recs.UserFactorsRow;
import io.reelstream.udfs.traininglog.TrainingLogRow;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamNode;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecsJobTest {

    @Test
    void shouldGiveEveryOperatorAStableUidAndReadableNameAndNoParallelismOneOperator() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        job(RecsOptions.from(baseConfig())).build(env);

        var nodes = env.getStreamGraph().getStreamNodes();
        List<String> uids = nodes.stream().map(StreamNode::getTransformationUID).toList();
        assertThat(uids).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(uids)
                .contains(
                        RecsJob.UID_ENGAGEMENT,
                        RecsJob.UID_ROLLUP,
                        RecsJob.UID_USER_SIDE,
                        RecsJob.UID_ITEM_SIDE,
                        RecsJob.UID_RECS_SINK,
                        RecsJob.UID_USER_FACTORS_SINK,
                        RecsJob.UID_ITEM_FACTORS_SINK,
                        RecsJob.UID_REPLICA_SINK,
                        RecsJob.UID_SIMILAR_TITLES_SINK,
                        RecsJob.UID_RANKER)
                .doesNotContain(RecsJob.UID_LABELS, RecsJob.UID_TRAINING_LOG_SINK);
        assertThat(nodes.stream().map(StreamNode::getOperatorName).toList())
                .contains(
                        "decode playback",
                        "decode catalog",
                        "decode item-factors",
                        "decode ranker-models",
                        "rank candidates",
                        "playback engagement",
                        "roll episodes up to shows",
                        "learn member factors",
                        "learn show factors and co-visitation",
                        "write similar titles: Writer",
                        "write recommendations: Writer",
                        "write user factors: Writer",
                        "write item factors: Writer",
                        "publish item factors: Writer");
        assertThat(nodes).allSatisfy(n -> assertThat(n.getParallelism()).isEqualTo(2));
    }

    @Test
    void shouldLabelSampledDecisionsIntoTheTrainingLogOnlyWhenItHasAPath() {
        Configuration conf = baseConfig();
        conf.set(RecsOptions.TRAINING_LOG_PATH, "file:///tmp/training-log");
        conf.set(RecsOptions.TRAINING_LOG_MEMBER_SHARE, 0.25);
        RecsJobSettings options = RecsOptions.from(conf);
        assertThat(options.trainingLogIfSet())
                .hasValueSatisfying(
                        log -> {
                            assertThat(log.memberShare()).isEqualTo(0.25);
                            assertThat(log.horizonMs()).isEqualTo(Duration.ofHours(24).toMillis());
                        });
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        job(options).build(env);

        var nodes = env.getStreamGraph().getStreamNodes();
        assertThat(nodes.stream().map(StreamNode::getTransformationUID).toList())
                .contains(
                        RecsJob.UID_SAMPLE_DECISIONS,
                        RecsJob.UID_SAMPLE_INTERACTIONS,
                        RecsJob.UID_LABELS,
                        RecsJob.UID_TRAINING_LOG_SINK)
                .doesNotHaveDuplicates();
        assertThat(nodes.stream().map(StreamNode::getOperatorName).toList())
                .contains("label decisions", "write training log: Writer");
        assertThat(RecsOptions.from(baseConfig()).trainingLogIfSet()).isEmpty();

        conf.set(RecsOptions.TRAINING_LOG_MEMBER_SHARE, 1.5);
        assertThatThrownBy(() -> RecsOptions.from(conf))
                .hasMessageContaining(RecsOptions.TRAINING_LOG_MEMBER_SHARE.key());
    }

    @Test
    void shouldRunTheCappedItemFactorsWriterInItsOwnTask() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        job(RecsOptions.from(baseConfig())).build(env);

        var vertices = env.getStreamGraph().getJobGraph().getVertices();
        List<String> names = new ArrayList<>();
        vertices.forEach(v -> names.add(v.getName()));
        assertThat(names)
                .filteredOn(n -> n.contains("write item factors"))
                .singleElement()
                .satisfies(
                        n ->
                                assertThat(n)
                                        .contains("throttle item factors")
                                        .doesNotContain("learn show factors")
                                        .doesNotContain("publish item factors"));
        assertThat(names)
                .filteredOn(n -> n.contains("publish item factors"))
                .singleElement()
                .satisfies(n -> assertThat(n).contains("learn show factors"));
    }

    @Test
    void shouldParseDefaultsAndOverrides() {
        RecsJobSettings defaults = RecsOptions.from(baseConfig());
        assertThat(defaults.settings().hyperparameters().k()).isEqualTo(32);
        assertThat(defaults.settings().topN()).isEqualTo(50);
        assertThat(defaults.settings().debounceMs()).isEqualTo(5_000);
        assertThat(defaults.itemFactorsTopic()).isEqualTo("reelstream.item-factors.v1");

        Configuration conf = baseConfig();
        conf.set(RecsOptions.NEGATIVES, 3);
        conf.set(RecsOptions.DEBOUNCE, Duration.ofSeconds(1));
        conf.set(RecsOptions.MIN_WATCHED, Duration.ofMinutes(2));
        RecsJobSettings options = RecsOptions.from(conf);
        assertThat(options.settings().hyperparameters().negativesPerUpdate()).isEqualTo(3);
        assertThat(options.settings().debounceMs()).isEqualTo(1_000);
        assertThat(options.settings().engagement().minWatchedMs()).isEqualTo(120_000);
    }

    @Test
    void shouldParseCovisitationOptionsAndRejectMoreNeighboursThanCandidates() {
        RecsJobSettings defaults = RecsOptions.from(baseConfig());
        assertThat(defaults.settings().covisit()).isEqualTo(CovisitParams.defaults());
        assertThat(defaults.similarTitlesWriteInterval()).isEqualTo(Duration.ofSeconds(10));

        Configuration conf = baseConfig();
        conf.set(RecsOptions.COVISIT_WINDOW, 10);
        conf.set(RecsOptions.COVISIT_NEIGHBOURS, 20);
        conf.set(RecsOptions.COVISIT_CANDIDATES, 40);
        conf.set(RecsOptions.COVISIT_HALF_LIFE, Duration.ofDays(30));
        CovisitParams covisit = RecsOptions.from(conf).settings().covisit();
        assertThat(covisit.window()).isEqualTo(10);
        assertThat(covisit.neighbours()).isEqualTo(20);
        assertThat(covisit.candidates()).isEqualTo(40);
        assertThat(covisit.halfLifeMs()).isEqualTo(Duration.ofDays(30).toMillis());

        conf.set(RecsOptions.COVISIT_CANDIDATES, 10);
        assertThatThrownBy(() -> RecsOptions.from(conf))
                .hasMessageContaining("neighbours <= candidates");
    }

    @Test
    void shouldRejectBadValues() {
        Configuration badSlots = baseConfig();
        badSlots.set(RecsOptions.EXPLORATION_SLOTS, 50);
        assertThatThrownBy(() -> RecsOptions.from(badSlots))
                .hasMessageContaining("explorationSlots");
        Configuration badK = baseConfig();
        badK.set(RecsOptions.K, 0);
        assertThatThrownBy(() -> RecsOptions.from(badK)).hasMessageContaining("k must be positive");
        Configuration blank = baseConfig();
        blank.set(RecsOptions.ITEM_FACTORS_TOPIC, " ");
        assertThatThrownBy(() -> RecsOptions.from(blank))
                .hasMessageContaining(RecsOptions.ITEM_FACTORS_TOPIC.key());
    }

    @Test
    void shouldDescribeEveryOption() {
        assertThat(RecsOptions.ALL)
                .doesNotHaveDuplicates()
                .allSatisfy(
                        o -> {
                            assertThat(o.key()).startsWith("reelstream.recommendations.");
                            assertThat(o.hasDefaultValue()).isTrue();
                            assertThat(o.description().toString()).isNotBlank();
                        });
    }

    private static Configuration baseConfig() {
        Configuration conf = new Configuration();
        conf.set(IngestOptions.BOOTSTRAP_SERVERS, "localhost:9092");
        conf.set(IngestOptions.GROUP_ID, "recs-test");
        return conf;
    }

    private static RecsJob job(RecsJobSettings options) {
        return new RecsJob(
                options,
                new RecsJob.Sources(emptySource(), emptySource(), emptySource(), emptySource()),
                new RecsJob.Sinks(
                        new DiscardingSink<Recommendations>(),
                        new DiscardingSink<UserFactorsRow>(),
                        new DiscardingSink<ItemFactorUpdate>(),
                        new DiscardingSink<SimilarTitles>(),
                        new DiscardingSink<ItemFactorUpdate>(),
                        new DiscardingSink<DeadLetter>(),
                        Optional.of(new DiscardingSink<TrainingLogRow>())));
    }

    private static Source<RawRecord, ?, ?> emptySource() {
        return new DataGeneratorSource<>(new NoRecords(), 0, TypeInformation.of(RawRecord.class));
    }

    /** A generator that is never asked for a record (count 0). */
    private static final class NoRecords implements GeneratorFunction<Long, RawRecord> {
        @Override
        public RawRecord map(Long index) {
            throw new IllegalStateException("no records expected");
        }
    }
}
