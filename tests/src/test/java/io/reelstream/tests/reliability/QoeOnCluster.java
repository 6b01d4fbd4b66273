package io.reelstream.tests.reliability;

import io.reelstream.pipelines.qoe.QoeJob;
import io.reelstream.pipelines.qoe.QoeOptions;
import io.reelstream.tests.qoe.DegradedCdnTraffic;
import io.reelstream.tests.qoe.QoeAlertChecks;
import io.reelstream.tests.qoe.QoeJobRun;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.ingest.IngestOptions;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.reelstream.tests.qoe.DegradedCdnTraffic.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The QoE job on the cluster: {@link DegradedCdnTraffic} (24 minutes on four CDNs, one degraded for
 * five, one reporting through CMCD), and what its MiniCluster ITCase asserts: the degraded CDN's
 * alert opens and resolves in time and no clean cohort alerts (Cassandra), one session row per
 * playback, one stall per degraded playback. The stall topic is written at least once, so stalls
 * are counted by playback.
 *
 * <p>Sessions close when event time passes their inactivity timeout, which the MiniCluster ITCase
 * reaches by ending its input. Here the traffic is followed by one sample ten minutes later on each
 * input topic ({@link DegradedCdnTraffic#closingRecords}), whose own session stays open.
 */
final class QoeOnCluster extends ClusterJobScenario {

    private static final int MALFORMED_CMCD = 3;

    private final DegradedCdnTraffic traffic;
    private final String prefix;
    private final String keyspace;
    private final List<ProducerRecord<byte[], byte[]>> records;

    QoeOnCluster(SharedServices services) {
        super(services, "qoe", QoeJob.class);
        long start = (System.currentTimeMillis() / MINUTE - 3 * 60) * MINUTE;
        this.traffic = new DegradedCdnTraffic(start, 24, 30, 12, 17, 17L);
        this.prefix = services.uniqueTopicPrefix();
        QoeJobRun.createTopicsInEventTimeOrder(services, prefix);
        this.keyspace = QoeJobRun.migratedKeyspace(services);
        configuration().addAll(QoeJobRun.configuration(services, prefix, prefix + "qoe"));
        // parts arrive after pauses (failover, rescaling): neither input is declared idle
        // meanwhile,
        // or the other's watermark would run ahead and turn its next records late
        configuration().set(IngestOptions.IDLENESS, Duration.ofMinutes(10));
        configuration().addAll(services.cassandraOptions(keyspace).toConfiguration());
        this.records = traffic.producerRecords(prefix, MALFORMED_CMCD);
    }

    @Override
    void sendPart(int part, int parts) {
        services.sendRecords(part(records, part, parts));
    }

    @Override
    List<String> inputTopics() {
        return List.of(
                configuration().get(QoeOptions.QOE_TOPIC),
                configuration().get(QoeOptions.CMCD_TOPIC));
    }

    @Override
    void sendClosing() {
        services.sendRecords(
                traffic.closingRecords(prefix, traffic.start + (traffic.minutes + 10) * MINUTE));
    }

    @Override
    String assertMatchesReference(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> sessions;
        do {
            Thread.sleep(2000);
            sessions = QoeAlertChecks.sessionRows(services, keyspace);
            sessions.removeIf(id -> id.startsWith(DegradedCdnTraffic.CLOSING_PLAYBACK));
        } while (sessions.size() < traffic.sessions() && System.nanoTime() < deadline);
        assertThat(sessions).as("playbacks with a session row").hasSize(traffic.sessions());
        String alerts =
                QoeAlertChecks.assertAlertsOnlyForTheDegradedCdn(
                        QoeAlertChecks.alertRows(services, keyspace, traffic), traffic);
        Set<String> stalled =
                QoeAlertChecks.stalledPlaybacks(
                        services.read(
                                configuration().get(QoeOptions.STALLS_TOPIC),
                                Integer.MAX_VALUE,
                                Duration.ofSeconds(10)));
        assertThat(stalled).as("stalled playbacks").hasSize(traffic.expectedStalls());
        return "qoe: "
                + sessions.size()
                + " session rows, "
                + stalled.size()
                + " stalls, alerts "
                + alerts;
    }
}
