package io.reelstream.tests.recs;

import io.reelstream.pipelines.recs.RecsJobSettings;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.ingest.RawRecordSchema;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recommendation job end to end on real Kafka and Cassandra (MiniCluster, parallelism 2, Kryo
 * disabled, the item-factor replica looping through the real compacted topic): after generator
 * traffic with planted taste clusters, the most active members have recommendations and factors,
 * their lists favour their own cluster, and an ANN query over item factors finds similar titles of
 * the same cluster, each well above chance.
 */
class RecsITCase {

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    private static final Duration DEADLINE = Duration.ofSeconds(150);

    @Test
    void recommendationsFactorsAndSimilarTitlesFollowThePlantedClusters() throws Exception {
        RecsScenario scenario = new RecsScenario(SERVICES, 400_000);
        SERVICES.sendRecords(scenario.producerRecords(scenario.catalog));
        SERVICES.sendRecords(scenario.producerRecords(scenario.playback));

        JobClient job = startJob(scenario);
        try (CqlSession session = SERVICES.newSession(scenario.keyspace)) {
            Map<String, List<String>> lists = scenario.awaitLists(session, DEADLINE);
            for (String member : scenario.active) {
                Row factors =
                        session.execute(
                                        "SELECT factors, model_version FROM user_factors WHERE user_id = ?",
                                        member)
                                .one();
                assertThat(factors).as("factors of " + member).isNotNull();
                assertThat(factors.getVector("factors", Float.class).size()).isEqualTo(32);
            }
            double inCluster = scenario.inClusterShare(lists);
            System.out.printf(
                    "[recs-itcase] members %d, in-cluster share of top-10 %.2f (chance %.2f)%n",
                    scenario.active.size(), inCluster, RecsScenario.CHANCE);
            assertThat(inCluster).isGreaterThan(2 * RecsScenario.CHANCE);

            double similar = scenario.similarShare(session);
            System.out.printf(
                    "[recs-itcase] ANN similar titles in the same cluster %.2f%n", similar);
            assertThat(similar).isGreaterThan(2 * RecsScenario.CHANCE);

            double watchedTogether = awaitWatchedTogetherShare(scenario, session);
            System.out.printf(
                    "[recs-itcase] watched-together neighbours in the same cluster %.2f%n",
                    watchedTogether);
            assertThat(watchedTogether).isGreaterThan(2 * RecsScenario.CHANCE);
        } finally {
            job.cancel().get();
        }
    }

    /** similar_titles is coalesced per show (10 s): waits up to a minute for its first rows. */
    private static double awaitWatchedTogetherShare(RecsScenario scenario, CqlSession session)
            throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        double share = scenario.watchedTogetherShare(session);
        while (Double.isNaN(share) && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            share = scenario.watchedTogetherShare(session);
        }
        return share;
    }

    private static JobClient startJob(RecsScenario scenario) throws Exception {
        RecsJobSettings options = scenario.options(SERVICES, "recs-itcase");
        Configuration envConf = new Configuration();
        envConf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(envConf);
        env.setParallelism(2);
        scenario.job(
                        SERVICES,
                        options,
                        source(options.playbackTopic()),
                        source(options.catalogTopic()),
                        source(options.itemFactorsTopic()))
                .build(env);
        return env.executeAsync("recs-itcase");
    }

    private static KafkaSource<RawRecord> source(String topic) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(SERVICES.bootstrapServers())
                .setTopics(topic)
                .setGroupId("recs-itcase")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RawRecordSchema())
                .build();
    }
}
