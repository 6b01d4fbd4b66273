package io.reelstream.pipelines.continuewatching;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production graph: stable uids and readable names, options parsed into the settings. */
class ContinueWatchingJobTest {

    @Test
    void everyOperatorOfTheProductionGraphHasAStableUidAndAName() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ContinueWatchingJob.fromConfiguration(new Configuration()).build(env);

        List<String> uids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
            uids.add(node.getTransformationUID());
            names.add(node.getOperatorName());
        }

        assertThat(uids).doesNotContainNull();
        assertThat(uids)
                .contains(
                        ContinueWatchingJob.UID_ROWS,
                        ContinueWatchingJob.UID_CASSANDRA_SINK,
                        "source-playback",
                        "decode-catalog");
        assertThat(names)
                .anyMatch(n -> n.contains("continue watching rows"))
                .anyMatch(n -> n.contains("write continue watching"));
    }

    @Test
    void optionsBecomeTheRowSettings() {
        Configuration conf = new Configuration();
        conf.set(ContinueWatchingOptions.COMPLETION_THRESHOLD, 0.9);
        conf.set(ContinueWatchingOptions.MIN_WATCH_TIME, Duration.ofMinutes(3));
        conf.set(ContinueWatchingOptions.MAX_ENTRIES, 12);
        conf.set(ContinueWatchingOptions.MAX_AGE, Duration.ofDays(30));
        conf.set(ContinueWatchingOptions.FLUSH_INTERVAL, Duration.ofSeconds(5));

        var settings = ContinueWatchingOptions.from(conf).settings();

        assertThat(settings.completionThreshold()).isEqualTo(0.9);
        assertThat(settings.minWatchMs()).isEqualTo(180_000);
        assertThat(settings.maxEntries()).isEqualTo(12);
        assertThat(settings.maxAgeMs()).isEqualTo(Duration.ofDays(30).toMillis());
        assertThat(settings.flushIntervalMs()).isEqualTo(5_000);
        assertThat(ContinueWatchingOptions.from(new Configuration()).playbackTopic())
                .isEqualTo("reelstream.playback.v1");
        assertThat(ContinueWatchingOptions.from(new Configuration()).writeAhead()).isTrue();
        conf.set(ContinueWatchingOptions.WRITE_AHEAD, false);
        assertThat(ContinueWatchingOptions.from(conf).writeAhead()).isFalse();
        assertThat(ContinueWatchingOptions.from(new Configuration()).settleDelayMs())
                .isEqualTo(120_000);
        conf.set(ContinueWatchingOptions.SETTLE_DELAY, Duration.ZERO);
        assertThat(ContinueWatchingOptions.from(conf).settleDelayMs()).isZero();
        conf.set(ContinueWatchingOptions.SETTLE_DELAY, Duration.ofSeconds(-1));
        assertThatThrownBy(() -> ContinueWatchingOptions.from(conf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("settle-delay");
    }
}
