package io.reelstream.tests.recs;

import io.reelstream.generator.Catalog;
import io.reelstream.generator.GeneratedRecord;
import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.Show;
import io.reelstream.generator.TopicKind;
import io.reelstream.generator.TrafficGenerator;
import io.reelstream.localstack.schema.SchemaMigrator;
import io.reelstream.pipelines.recs.RecsJob;
import io.reelstream.pipelines.recs.RecsOptions;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.cassandra.CassandraSink;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.KafkaDeadLetterSink;
import io.reelstream.udfs.ingest.RawRecordDeserializer;
import io.reelstream.udfs.recs.RecommendationsTable;
import io.reelstream.udfs.recs.UserFactorsTable;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.CqlVector;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

    private static final int CLUSTERS = 6;
    private static final int ACTIVE_MEMBERS = 15;
    private static final Duration DEADLINE = Duration.ofSeconds(150);

    @Test
    void recommendationsFactorsAndSimilarTitlesFollowThePlantedClusters() throws Exception {
        TrafficGenerator generator =
                new TrafficGenerator(
                        GeneratorConfig.builder()
                                .seed(11)
                                .users(80)
                                .titles(1200)
                                .clusters(CLUSTERS)
                                .clusterAffinity(0.9)
                                .startMillis(
                                        System.currentTimeMillis() - Duration.ofDays(2).toMillis())
                                .malformedShare(0)
                                .build());
        String prefix = SERVICES.uniqueTopicPrefix();
        SERVICES.createTopics(prefix);
        String keyspace = migratedKeyspace();
        Map<String, Integer> plays = send(prefix, generator, 400_000);
        List<String> active =
                plays.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .limit(ACTIVE_MEMBERS)
                        .map(Map.Entry::getKey)
                        .toList();

        JobClient job = startJob(prefix, keyspace);
        try (CqlSession session = SERVICES.newSession(keyspace)) {
            Map<String, List<String>> lists = awaitLists(session, active);
            Catalog catalog = generator.catalog();

            double inCluster = 0;
            for (String member : active) {
                int cluster = generator.members().clusterOfUser(member);
                List<String> top =
                        lists.get(member).subList(0, Math.min(10, lists.get(member).size()));
                inCluster += share(top, catalog, cluster);
                Row factors =
                        session.execute(
                                        "SELECT factors, model_version FROM user_factors WHERE user_id = ?",
                                        member)
                                .one();
                assertThat(factors).as("factors of " + member).isNotNull();
                assertThat(factors.getVector("factors", Float.class).size()).isEqualTo(32);
            }
            double chance = 1.0 / CLUSTERS;
            System.out.printf(
                    "[recs-itcase] members %d, in-cluster share of top-10 %.2f (chance %.2f)%n",
                    active.size(), inCluster / active.size(), chance);
            assertThat(inCluster / active.size()).isGreaterThan(2 * chance);

            double similar = similarShare(session, catalog);
            System.out.printf(
                    "[recs-itcase] ANN similar titles in the same cluster %.2f%n", similar);
            assertThat(similar).isGreaterThan(2 * chance);
        } finally {
            job.cancel().get();
        }
    }

    /** Waits until every active member has a list; returns each member's newest list by rank. */
    private static Map<String, List<String>> awaitLists(CqlSession session, List<String> members)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        Map<String, List<String>> lists = new HashMap<>();
        Map<String, List<String>> previous = Map.of();
        while (Instant.now().isBefore(deadline)) {
            lists = new HashMap<>();
            for (String member : members) {
                List<String> list = newestList(session, member);
                if (list.size() >= 10) {
                    lists.put(member, list);
                }
            }
            // the input is drained when no active member's list changed for a poll interval
            if (lists.size() == members.size() && lists.equals(previous)) {
                return lists;
            }
            previous = lists;
            Thread.sleep(4_000);
        }
        assertThat(lists)
                .as("members with a list of >= 10 after " + DEADLINE)
                .hasSize(members.size());
        return lists;
    }

    private static List<String> newestList(CqlSession session, String member) {
        List<Row> rows =
                session.execute(
                                "SELECT rank, show_id, generated_at FROM recommendations WHERE user_id = ?",
                                member)
                        .all();
        Instant newest =
                rows.stream()
                        .map(r -> r.getInstant("generated_at"))
                        .max(Instant::compareTo)
                        .orElse(null);
        List<String> list = new ArrayList<>();
        for (Row row : rows) {
            if (row.getInstant("generated_at").equals(newest)) {
                list.add(row.getString("show_id"));
            }
        }
        return list;
    }

    /** Over the 10 most-interacted shows: share of their 10 ANN neighbours in the same cluster. */
    private static double similarShare(CqlSession session, Catalog catalog) {
        Map<String, Integer> clusterOfShow = new HashMap<>();
        for (Show show : catalog.shows()) {
            clusterOfShow.put(show.showId(), show.cluster());
        }
        List<Row> items = session.execute("SELECT show_id, factors FROM item_factors").all();
        double sum = 0;
        int probes = 0;
        for (Row item : items.subList(0, Math.min(10, items.size()))) {
            CqlVector<Float> vector = item.getVector("factors", Float.class);
            List<String> neighbours = new ArrayList<>();
            for (Row row :
                    session.execute(
                            "SELECT show_id FROM item_factors ORDER BY factors ANN OF ? LIMIT 11",
                            vector)) {
                if (!row.getString("show_id").equals(item.getString("show_id"))) {
                    neighbours.add(row.getString("show_id"));
                }
            }
            Integer cluster = clusterOfShow.get(item.getString("show_id"));
            long same =
                    neighbours.stream().filter(s -> cluster.equals(clusterOfShow.get(s))).count();
            sum += (double) same / Math.max(1, neighbours.size());
            probes++;
        }
        return sum / Math.max(1, probes);
    }

    private static double share(List<String> shows, Catalog catalog, int cluster) {
        Map<String, Integer> clusterOfShow = new HashMap<>();
        for (Show show : catalog.shows()) {
            clusterOfShow.put(show.showId(), show.cluster());
        }
        long same =
                shows.stream()
                        .filter(s -> Integer.valueOf(cluster).equals(clusterOfShow.get(s)))
                        .count();
        return (double) same / Math.max(1, shows.size());
    }

    /** Sends catalog and playback records up to now; returns playback records per member. */
    private static Map<String, Integer> send(String prefix, TrafficGenerator generator, int limit) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<String, Integer> plays = new HashMap<>();
        long now = System.currentTimeMillis();
        for (int n = 0; n < limit; n++) {
            GeneratedRecord record = generator.next();
            if (record.kind() != TopicKind.CATALOG && record.eventTime() > now) {
                break;
            }
            String topic;
            if (record.kind() == TopicKind.CATALOG) {
                topic = RecsOptions.CATALOG_TOPIC.defaultValue();
            } else if (record.kind() == TopicKind.PLAYBACK) {
                topic = RecsOptions.PLAYBACK_TOPIC.defaultValue();
                plays.merge(record.key(), 1, Integer::sum);
            } else {
                continue;
            }
            records.add(
                    new ProducerRecord<>(
                            prefix + topic,
                            null,
                            record.eventTime(),
                            record.key() == null
                                    ? null
                                    : record.key().getBytes(StandardCharsets.UTF_8),
                            record.value()));
        }
        SERVICES.sendRecords(records);
        return plays;
    }

    private static JobClient startJob(String prefix, String keyspace) throws Exception {
        Configuration conf = new Configuration();
        conf.set(IngestOptions.BOOTSTRAP_SERVERS, SERVICES.bootstrapServers());
        conf.set(IngestOptions.GROUP_ID, "recs-itcase");
        conf.set(RecsOptions.DEBOUNCE, Duration.ofSeconds(1));
        conf.set(RecsOptions.ITEM_FACTORS_WRITE_INTERVAL, Duration.ofSeconds(3));
        for (var option :
                List.of(
                        RecsOptions.PLAYBACK_TOPIC,
                        RecsOptions.CATALOG_TOPIC,
                        RecsOptions.ITEM_FACTORS_TOPIC,
                        RecsOptions.DEAD_LETTER_TOPIC)) {
            conf.set(option, prefix + option.defaultValue());
        }
        RecsOptions options = RecsOptions.fromConfig(conf);
        var contact = SERVICES.cassandra().contactPoint();
        CassandraOptions cassandra =
                CassandraOptions.of(contact.getHostString() + ":" + contact.getPort(), keyspace)
                        .with(
                                CassandraOptions.LOCAL_DATACENTER,
                                SERVICES.cassandra().localDatacenter());
        int k = options.settings().hyperparameters().k();

        Configuration envConf = new Configuration();
        envConf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(envConf);
        env.setParallelism(2);
        new RecsJob(
                        options,
                        source(options.playbackTopic()),
                        source(options.catalogTopic()),
                        source(options.itemFactorsTopic()),
                        CassandraSink.builder(new RecommendationsTable(options.settings().topN()))
                                .options(cassandra)
                                .build(),
                        CassandraSink.builder(new UserFactorsTable(k)).options(cassandra).build(),
                        RecsJob.itemFactorsSink(options, cassandra),
                        RecsJob.replicaSink(options.ingest(), options.itemFactorsTopic()),
                        KafkaDeadLetterSink.create(options.ingest(), options.deadLetterTopic()))
                .build(env);
        return env.executeAsync("recs-itcase");
    }

    private static KafkaSource<RawRecord> source(String topic) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(SERVICES.bootstrapServers())
                .setTopics(topic)
                .setGroupId("recs-itcase")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RawRecordDeserializer())
                .build();
    }

    private static String migratedKeyspace() {
        String keyspace = SERVICES.uniqueKeyspace();
        try (CqlSession session = SERVICES.newSession()) {
            new SchemaMigrator(session).applyLocal(keyspace);
        }
        return keyspace;
    }
}
