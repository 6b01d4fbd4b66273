package io.reelstream.pipelines.qoe;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.qoe.QoeAlert;
import io.reelstream.schemas.qoe.SessionSummary;
import io.reelstream.schemas.qoe.StallEvent;
import io.reelstream.udfs.ingest.IngestOptions;

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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QoeJobTest {

    @Test
    void shouldGiveEveryOperatorAStableUidAndReadableName() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        job(QoeOptions.from(baseConfig())).build(env);

        var nodes = env.getStreamGraph().getStreamNodes();
        List<String> uids = nodes.stream().map(StreamNode::getTransformationUID).toList();
        assertThat(uids).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(uids)
                .contains(
                        QoeJob.UID_SESSIONS,
                        QoeJob.UID_COHORT_WINDOWS,
                        QoeJob.UID_ANOMALIES,
                        QoeJob.UID_SUMMARY_CASSANDRA_SINK,
                        QoeJob.UID_ALERT_CASSANDRA_SINK,
                        QoeJob.UID_STALL_KAFKA_SINK);
        assertThat(nodes.stream().map(StreamNode::getOperatorName).toList())
                .contains(
                        "playback sessions",
                        "explode cohorts",
                        "cohort windows",
                        "detect cohort anomalies",
                        "write session summaries: Writer",
                        "publish stalls: Writer",
                        "write alerts: Writer");
        assertThat(nodes).allSatisfy(n -> assertThat(n.getParallelism()).isEqualTo(2));
    }

    @Test
    void shouldParseDefaultsAndRejectBadValues() {
        QoeJobSettings options = QoeOptions.from(baseConfig());
        assertThat(options.qoeTopic()).isEqualTo("reelstream.qoe.v1");
        assertThat(options.cmcdTopic()).isEqualTo("reelstream.cmcd.v1");
        assertThat(options.stallThreshold()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.stallLiveHorizon()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.cohortWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.anomaly().minSessions()).isEqualTo(20);
        assertThat(options.anomaly().idleTimeoutMs()).isEqualTo(Duration.ofHours(6).toMillis());

        Configuration zeroWindow = baseConfig();
        zeroWindow.set(QoeOptions.COHORT_WINDOW, Duration.ZERO);
        assertThatThrownBy(() -> QoeOptions.from(zeroWindow))
                .hasMessageContaining(QoeOptions.COHORT_WINDOW.key());
        Configuration negativeHorizon = baseConfig();
        negativeHorizon.set(QoeOptions.STALL_LIVE_HORIZON, Duration.ofSeconds(-1));
        assertThatThrownBy(() -> QoeOptions.from(negativeHorizon))
                .hasMessageContaining(QoeOptions.STALL_LIVE_HORIZON.key());
        Configuration badAlpha = baseConfig();
        badAlpha.set(QoeOptions.LEVEL_SMOOTHING, 1.5);
        assertThatThrownBy(() -> QoeOptions.from(badAlpha))
                .hasMessageContaining(QoeOptions.LEVEL_SMOOTHING.key());
        assertThat(options.settleDelay()).isEqualTo(Duration.ofMinutes(1));
        Configuration delayPastTimeout = baseConfig();
        delayPastTimeout.set(QoeOptions.SETTLE_DELAY, Duration.ofMinutes(3));
        assertThatThrownBy(() -> QoeOptions.from(delayPastTimeout))
                .hasMessageContaining(QoeOptions.SETTLE_DELAY.key());
    }

    @Test
    void shouldDescribeEveryOption() {
        assertThat(QoeOptions.ALL)
                .allSatisfy(
                        o -> {
                            assertThat(o.key()).startsWith("reelstream.qoe.");
                            assertThat(o.hasDefaultValue()).isTrue();
                            assertThat(o.description().toString()).isNotBlank();
                        });
    }

    private static Configuration baseConfig() {
        Configuration conf = new Configuration();
        conf.set(IngestOptions.BOOTSTRAP_SERVERS, "localhost:9092");
        conf.set(IngestOptions.GROUP_ID, "qoe-test");
        return conf;
    }

    private static QoeJob job(QoeJobSettings options) {
        return new QoeJob(
                options,
                new QoeJob.Sources(emptySource(), emptySource()),
                new QoeJob.Sinks(
                        new DiscardingSink<SessionSummary>(),
                        new DiscardingSink<SessionSummary>(),
                        new DiscardingSink<StallEvent>(),
                        new DiscardingSink<QoeAlert>(),
                        new DiscardingSink<QoeAlert>(),
                        new DiscardingSink<DeadLetter>()));
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
