package io.reelstream.tests.continuewatching;

import io.reelstream.pipelines.continuewatching.ContinueWatchingJobSettings;
import io.reelstream.tests.continuewatching.ContinueWatchingTraffic.Entry;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.continuewatching.model.ContinueWatchingSettings;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.UdtValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The continue-watching job end to end on real Kafka and Cassandra (MiniCluster, parallelism 2,
 * Kryo disabled): three hours of generator traffic (binges, device switches, seeks, malformed
 * records). The row of every user in Cassandra must equal the reference row computed from the same
 * events; every malformed record must be dead-lettered.
 */
class ContinueWatchingITCase {

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    private static final long HOUR = Duration.ofHours(1).toMillis();

    @Test
    void theRowOfEveryUserInCassandraEqualsTheReferenceRow() throws Exception {
        long start = System.currentTimeMillis() - 4 * HOUR;
        ContinueWatchingTraffic traffic = ContinueWatchingTraffic.generate(start, start + 3 * HOUR);
        String prefix = SERVICES.uniqueTopicPrefix();
        SERVICES.createTopics(prefix);
        String keyspace = ContinueWatchingTraffic.migratedKeyspace(SERVICES);
        SERVICES.sendRecords(ContinueWatchingTraffic.producerRecords(prefix, traffic.records()));
        ContinueWatchingSettings settings = ContinueWatchingSettings.DEFAULTS;
        Map<String, List<Entry>> expected = traffic.referenceRows(settings);

        runJob(prefix, keyspace);

        Map<String, List<Entry>> actual = ContinueWatchingTraffic.cassandraRows(SERVICES, keyspace);
        Map<String, List<Entry>> nonEmpty = new HashMap<>(actual);
        nonEmpty.values().removeIf(List::isEmpty);
        System.out.println(
                "[continue-watching-itcase] playback events "
                        + traffic.playback().size()
                        + ", users with a row "
                        + expected.size()
                        + ", entries "
                        + expected.values().stream().mapToInt(List::size).sum()
                        + ", hand-offs "
                        + ContinueWatchingTraffic.handOffs(expected));
        assertThat(expected.size()).as("traffic gives many users a row").isGreaterThan(10);
        assertThat(ContinueWatchingTraffic.handOffs(expected))
                .as("traffic exercises next-episode hand-off")
                .isPositive();
        assertThat(nonEmpty).isEqualTo(expected);

        String someUser = expected.keySet().iterator().next();
        try (CqlSession session = SERVICES.newSession(keyspace)) {
            Row row =
                    session.execute(
                                    "SELECT cw_row, TTL(cw_row) AS ttl FROM continue_watching"
                                            + " WHERE user_id = ?",
                                    someUser)
                            .one();
            assertThat(row).isNotNull();
            assertThat(row.getInt("ttl")).isBetween(1, (int) (settings.maxAgeMs() / 1000));
            assertThat(row.getList("cw_row", UdtValue.class))
                    .hasSize(expected.get(someUser).size());
        }
        assertThat(
                        SERVICES.read(
                                prefix + "reelstream.dead-letter.v1",
                                traffic.malformed(),
                                Duration.ofSeconds(30)))
                .hasSize(traffic.malformed());
    }

    private static void runJob(String prefix, String keyspace) throws Exception {
        String group = "continue-watching-itcase";
        ContinueWatchingJobSettings options =
                ContinueWatchingTraffic.options(SERVICES, prefix, group);
        Configuration envConf = new Configuration();
        envConf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(envConf);
        env.setParallelism(2);
        ContinueWatchingTraffic.job(
                        SERVICES,
                        options,
                        keyspace,
                        ContinueWatchingTraffic.boundedSource(
                                SERVICES,
                                options.playbackTopic(),
                                group,
                                OffsetsInitializer.latest()),
                        ContinueWatchingTraffic.boundedSource(
                                SERVICES,
                                options.catalogTopic(),
                                group,
                                OffsetsInitializer.latest()))
                .build(env);
        env.execute("continue-watching-itcase");
    }
}
