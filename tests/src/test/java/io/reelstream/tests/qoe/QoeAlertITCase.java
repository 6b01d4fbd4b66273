package io.reelstream.tests.qoe;

import io.reelstream.tests.support.SharedServices;

import com.datastax.oss.driver.api.core.cql.Row;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static io.reelstream.tests.qoe.DegradedCdnTraffic.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The QoE job end to end on real Kafka and Cassandra (MiniCluster, parallelism 2): 24 minutes of
 * event-time traffic on four CDNs (one reporting via CMCD), one CDN degraded for five minutes. An
 * alert must open for that CDN within two evaluation windows and resolve after; cohorts without any
 * degraded traffic must raise no alert.
 */
class QoeAlertITCase {

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    private static final int MINUTES = 24;
    private static final int DEGRADED_FROM = 12;
    private static final int DEGRADED_UNTIL = 17;
    private static final int MALFORMED_CMCD = 3;

    @Test
    void shouldOpenAndResolveAlertForDegradedCdnOnlyAndWriteEverySession() throws Exception {
        long start = (System.currentTimeMillis() / MINUTE - 3 * 60) * MINUTE;
        DegradedCdnTraffic traffic =
                new DegradedCdnTraffic(start, MINUTES, 30, DEGRADED_FROM, DEGRADED_UNTIL, 17L);
        String prefix = SERVICES.uniqueTopicPrefix();
        QoeJobRun.createTopicsInEventTimeOrder(SERVICES, prefix);
        String keyspace = QoeJobRun.migratedKeyspace(SERVICES);
        SERVICES.sendRecords(traffic.producerRecords(prefix, MALFORMED_CMCD));

        QoeJobRun.run(SERVICES, prefix, keyspace, "qoe-itcase");

        List<Row> alerts = QoeAlertChecks.alertRows(SERVICES, keyspace, traffic);
        System.out.println(
                "[qoe-itcase] alerts by cohort: "
                        + QoeAlertChecks.assertAlertsOnlyForTheDegradedCdn(alerts, traffic));

        List<ConsumerRecord<byte[], byte[]>> alertRecords =
                SERVICES.read(
                        prefix + "reelstream.qoe-alerts.v1",
                        2 * alerts.size(),
                        Duration.ofSeconds(30));
        assertThat(alertRecords).hasSize(2 * alerts.size());

        assertThat(QoeAlertChecks.sessionRows(SERVICES, keyspace)).hasSize(traffic.sessions());
        List<ConsumerRecord<byte[], byte[]>> stalls =
                SERVICES.read(
                        prefix + "reelstream.qoe-stalls.v1",
                        traffic.expectedStalls(),
                        Duration.ofSeconds(30));
        assertThat(stalls).hasSize(traffic.expectedStalls());
        QoeAlertChecks.stalledPlaybacks(stalls);
        assertThat(
                        SERVICES.read(
                                prefix + "reelstream.dead-letter.v1",
                                MALFORMED_CMCD,
                                Duration.ofSeconds(30)))
                .hasSize(MALFORMED_CMCD);
    }
}
