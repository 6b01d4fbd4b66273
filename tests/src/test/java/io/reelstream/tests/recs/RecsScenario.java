package io.reelstream.tests.recs;

import io.reelstream.generator.Catalog;
import io.reelstream.generator.GeneratedRecord;
import io.reelstream.generator.GeneratorConfig;
import io.reelstream.generator.KafkaTrafficWriter;
import io.reelstream.generator.Show;
import io.reelstream.generator.TopicKind;
import io.reelstream.generator.Topics;
import io.reelstream.generator.TrafficGenerator;
import io.reelstream.localstack.schema.SchemaMigrator;
import io.reelstream.pipelines.recs.RecsJob;
import io.reelstream.pipelines.recs.RecsJobSettings;
import io.reelstream.pipelines.recs.RecsOptions;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.cassandra.CassandraSettings;
import io.reelstream.udfs.ingest.IngestOptions;
import io.reelstream.udfs.ingest.KafkaSources;
import io.reelstream.udfs.recs.model.RecsSettings;

import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.CqlVector;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recommendation job as its ITCases run it: two days of generator traffic with planted taste
 * clusters up to now, the job on the shared services, and the quality measures both the
 * failure-free and the failure-recovery ITCase assert (every active member has a list, the share of
 * each member's top-10 in their own cluster, the share of ANN neighbours of a show in its cluster).
 */
public final class RecsScenario {

    public static final int CLUSTERS = 6;
    public static final int ACTIVE_MEMBERS = 15;

    /** Chance level of both cluster shares. */
    public static final double CHANCE = 1.0 / CLUSTERS;

    public final TrafficGenerator generator;
    public final String prefix;
    public final String keyspace;

    /** Catalog records (all of them), in generator order. */
    public final List<GeneratedRecord> catalog = new ArrayList<>();

    /** Playback records up to now, in generator (event-time) order. */
    public final List<GeneratedRecord> playback = new ArrayList<>();

    /** The {@link #ACTIVE_MEMBERS} members with the most playback records. */
    public final List<String> active;

    /** Fresh topics and keyspace; generates up to {@code limit} records until now. */
    public RecsScenario(SharedServices services, int limit) {
        this.generator =
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
        this.prefix = services.uniqueTopicPrefix();
        services.createTopics(prefix);
        this.keyspace = services.uniqueKeyspace();
        try (CqlSession session = services.newSession()) {
            new SchemaMigrator(session).applyLocal(keyspace);
        }
        Map<String, Integer> plays = new HashMap<>();
        long now = System.currentTimeMillis();
        for (int n = 0; n < limit; n++) {
            GeneratedRecord record = generator.next();
            if (record.kind() != TopicKind.CATALOG && record.eventTime() > now) {
                break;
            }
            if (record.kind() == TopicKind.CATALOG) {
                catalog.add(record);
            } else if (record.kind() == TopicKind.PLAYBACK) {
                playback.add(record);
                plays.merge(record.key(), 1, Integer::sum);
            }
        }
        this.active =
                plays.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .limit(ACTIVE_MEMBERS)
                        .map(Map.Entry::getKey)
                        .toList();
    }

    /** Producer records (Kafka timestamp = event time) on this scenario's input topics. */
    public List<ProducerRecord<byte[], byte[]>> producerRecords(List<GeneratedRecord> records) {
        return KafkaTrafficWriter.producerRecords(new Topics(prefix), records);
    }

    /** The job's options: topics of this scenario, consumer {@code group}, short debounces. */
    public RecsJobSettings options(SharedServices services, String group) {
        return RecsOptions.from(configuration(services, group));
    }

    /** {@link #options} as a configuration, e.g. for a job deployed from its jar. */
    public Configuration configuration(SharedServices services, String group) {
        return configuration(services, group, prefix);
    }

    /**
     * The recommendation ITCases' job configuration: the topics under {@code topicPrefix}, consumer
     * {@code group}, short debounces, no partition declared idle.
     */
    public static Configuration configuration(
            SharedServices services, String group, String topicPrefix) {
        Configuration conf = new Configuration();
        conf.set(IngestOptions.BOOTSTRAP_SERVERS, services.bootstrapServers());
        conf.set(IngestOptions.GROUP_ID, group);
        conf.set(RecsOptions.DEBOUNCE, Duration.ofSeconds(1));
        conf.set(RecsOptions.ITEM_FACTORS_WRITE_INTERVAL, Duration.ofSeconds(3));
        // Input may arrive in bursts after pauses: no partition is declared idle meanwhile (an
        // idle one would let the others' watermark run ahead, so playbacks on it would time out
        // before their last events and count twice).
        conf.set(IngestOptions.IDLENESS, Duration.ofMinutes(10));
        for (var option :
                List.of(
                        RecsOptions.PLAYBACK_TOPIC,
                        RecsOptions.CATALOG_TOPIC,
                        RecsOptions.ITEM_FACTORS_TOPIC,
                        RecsOptions.RANKER_MODELS_TOPIC,
                        RecsOptions.DEAD_LETTER_TOPIC)) {
            conf.set(option, topicPrefix + option.defaultValue());
        }
        return conf;
    }

    /**
     * The production graph with these sources, the scenario's ranker-model topic and the production
     * sinks on this keyspace.
     */
    public RecsJob job(
            SharedServices services,
            RecsJobSettings options,
            Source<RawRecord, ?, ?> playbackSource,
            Source<RawRecord, ?, ?> catalogSource,
            Source<RawRecord, ?, ?> replicaSource) {
        CassandraSettings cassandra = services.cassandraOptions(keyspace);
        int k = options.settings().hyperparameters().k();
        return new RecsJob(
                options,
                new RecsJob.Sources(
                        playbackSource,
                        catalogSource,
                        replicaSource,
                        KafkaSources.rawRecords(
                                options.ingest(), List.of(options.rankerModelsTopic()))),
                RecsJob.Sinks.production(options, cassandra));
    }

    /**
     * Waits until every active member has a list of at least 10 and no list changed for a poll
     * interval (the input is drained); returns each member's newest list by rank.
     */
    public Map<String, List<String>> awaitLists(CqlSession session, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, List<String>> lists = new HashMap<>();
        Map<String, List<String>> previous = Map.of();
        while (Instant.now().isBefore(deadline)) {
            lists = new HashMap<>();
            for (String member : active) {
                List<String> list = newestList(session, member);
                if (list.size() >= 10) {
                    lists.put(member, list);
                }
            }
            if (lists.size() == active.size() && lists.equals(previous)) {
                return lists;
            }
            previous = lists;
            Thread.sleep(4_000);
        }
        assertThat(lists)
                .as("members with a list of >= 10 after " + timeout)
                .hasSize(active.size());
        return lists;
    }

    /**
     * Waits for the lists, then asserts what a failure-free run guarantees (see {@code
     * RecsFailureRecoveryITCase} for why nothing is compared exactly): the members with
     * recommendations and with factors are exactly those with an interaction in the input, each
     * active member has a list of at least 10, and both the in-cluster share of their top-10 and
     * the ANN same-cluster share are above twice chance. Returns the measured values for the log.
     */
    public String assertServesAsAFailureFreeRun(
            CqlSession session, RecsSettings settings, Duration timeout)
            throws InterruptedException {
        Set<String> members =
                new MemberTimelines(playback, generator.catalog(), settings).members();
        Map<String, List<String>> lists = awaitLists(session, timeout);
        Set<String> withRecs = users(session, "SELECT DISTINCT user_id FROM recommendations");
        Set<String> withFactors = users(session, "SELECT user_id FROM user_factors");
        double inCluster = inClusterShare(lists);
        double similar = similarShare(session);
        String measured =
                String.format(
                        "members %d, with recommendations %d, with factors %d, in-cluster share"
                                + " of top-10 %.2f, ANN same-cluster share %.2f (chance %.2f)",
                        members.size(),
                        withRecs.size(),
                        withFactors.size(),
                        inCluster,
                        similar,
                        CHANCE);
        assertThat(members).as(measured).hasSizeGreaterThan(ACTIVE_MEMBERS);
        assertThat(withRecs).as(measured).isEqualTo(members);
        assertThat(withFactors).as(measured).isEqualTo(members);
        assertThat(lists).as(measured).hasSize(ACTIVE_MEMBERS);
        assertThat(inCluster).as(measured).isGreaterThan(2 * CHANCE);
        assertThat(similar).as(measured).isGreaterThan(2 * CHANCE);
        return measured;
    }

    private static Set<String> users(CqlSession session, String query) {
        Set<String> users = new HashSet<>();
        for (Row row : session.execute(query)) {
            users.add(row.getString("user_id"));
        }
        return users;
    }

    /** Mean over the active members of the share of their top-10 in their own cluster. */
    public double inClusterShare(Map<String, List<String>> lists) {
        Map<String, Integer> clusterOfShow = clusterOfShow();
        double sum = 0;
        for (String member : active) {
            Integer cluster = generator.members().clusterOfUser(member);
            List<String> top = lists.get(member).subList(0, Math.min(10, lists.get(member).size()));
            long same = top.stream().filter(s -> cluster.equals(clusterOfShow.get(s))).count();
            sum += (double) same / Math.max(1, top.size());
        }
        return sum / active.size();
    }

    /**
     * Over 10 shows of item_factors: share of their 10 ANN neighbours in the same cluster. Titles
     * the catalog does not describe as a show are not probed: the job reads catalog and playback at
     * once, and an episode played before its catalog record arrived is its own show (see {@code
     * ShowRollupFunction}), with no cluster to compare.
     */
    public double similarShare(CqlSession session) {
        Map<String, Integer> clusterOfShow = clusterOfShow();
        List<Row> items =
                session.execute("SELECT show_id, factors FROM item_factors").all().stream()
                        .filter(item -> clusterOfShow.containsKey(item.getString("show_id")))
                        .toList();
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

    /**
     * Mean over up to 20 shows with a {@code similar_titles} row of the share of their first 10
     * "watched together" neighbours in their own cluster (NaN without rows).
     */
    public double watchedTogetherShare(CqlSession session) {
        Map<String, Integer> clusterOfShow = clusterOfShow();
        double sum = 0;
        int probes = 0;
        for (Row row : session.execute("SELECT show_id, neighbours FROM similar_titles LIMIT 20")) {
            List<String> neighbours = row.getList("neighbours", String.class);
            Integer cluster = clusterOfShow.get(row.getString("show_id"));
            if (cluster == null || neighbours.isEmpty()) {
                continue;
            }
            List<String> top = neighbours.subList(0, Math.min(10, neighbours.size()));
            long same = top.stream().filter(s -> cluster.equals(clusterOfShow.get(s))).count();
            sum += (double) same / top.size();
            probes++;
        }
        return probes == 0 ? Double.NaN : sum / probes;
    }

    private Map<String, Integer> clusterOfShow() {
        Catalog titles = generator.catalog();
        Map<String, Integer> clusters = new HashMap<>();
        for (Show show : titles.shows()) {
            clusters.put(show.showId(), show.cluster());
        }
        return clusters;
    }

    /** The member's newest list by rank (the rows of the latest {@code generated_at}). */
    public static List<String> newestList(CqlSession session, String member) {
        return newestRows(session, member).stream().map(r -> r.getString("show_id")).toList();
    }

    /**
     * The rows (all columns, by rank) of the member's newest list: the rows of its newest {@code
     * generated_at}.
     */
    public static List<Row> newestRows(CqlSession session, String member) {
        List<Row> rows =
                session.execute("SELECT * FROM recommendations WHERE user_id = ?", member).all();
        Instant newest =
                rows.stream()
                        .map(r -> r.getInstant("generated_at"))
                        .max(Instant::compareTo)
                        .orElse(null);
        return rows.stream().filter(r -> r.getInstant("generated_at").equals(newest)).toList();
    }
}
