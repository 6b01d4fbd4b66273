package io.reelstream.tests.qoe;

import io.reelstream.schemas.cmcd.CmcdRecord;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.qoe.QoeAlertsTable;
import io.reelstream.udfs.qoe.QoeJsonRecordSchema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.reelstream.tests.qoe.DegradedCdnTraffic.DEGRADED_CDN;
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

    private static final ObjectMapper JSON = new ObjectMapper();
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
        // One partition per input topic: the replayed backlog then reaches the (post-decode)
        // watermark generator in event-time order, as live traffic would.
        SERVICES.createTopic(prefix + "reelstream.qoe.v1", 1);
        SERVICES.createTopic(prefix + "reelstream.cmcd.v1", 1);
        SERVICES.createTopics(prefix);
        String keyspace = QoeJobRun.migratedKeyspace(SERVICES);
        send(prefix, traffic);

        QoeJobRun.run(SERVICES, prefix, keyspace, "qoe-itcase");

        List<Row> alerts = alertRows(keyspace, start);
        Map<String, List<Row>> byCohort =
                alerts.stream().collect(Collectors.groupingBy(r -> r.getString("cohort")));
        List<Row> degraded = byCohort.getOrDefault("cdn=" + DEGRADED_CDN, List.of());
        assertThat(degraded).extracting(r -> r.getString("metric")).contains("REBUFFER_RATIO");
        for (Row alert : degraded) {
            long opened = alert.getInstant("opened_at").toEpochMilli();
            assertThat(opened)
                    .isBetween(
                            traffic.degradedFrom() + MINUTE, traffic.degradedFrom() + 2 * MINUTE);
            assertThat(alert.getString("state")).isEqualTo("RESOLVED");
            long resolved = alert.getInstant("resolved_at").toEpochMilli();
            assertThat(resolved)
                    .isBetween(
                            traffic.degradedUntil() + MINUTE, traffic.degradedUntil() + 4 * MINUTE);
        }
        List<String> falseAlerts =
                byCohort.keySet().stream().filter(QoeAlertITCase::isCleanCohort).sorted().toList();
        System.out.println(
                "[qoe-itcase] alerts by cohort: "
                        + byCohort.entrySet().stream()
                                .map(
                                        e ->
                                                e.getKey()
                                                        + "="
                                                        + e.getValue().stream()
                                                                .map(r -> r.getString("metric"))
                                                                .toList())
                                .sorted()
                                .toList()
                        + "; false alerts on clean cohorts: "
                        + falseAlerts.size());
        assertThat(falseAlerts).as("alerts on cohorts without degraded traffic").isEmpty();

        List<ConsumerRecord<byte[], byte[]>> alertRecords =
                SERVICES.read(
                        prefix + "reelstream.qoe-alerts.v1",
                        2 * alerts.size(),
                        Duration.ofSeconds(30));
        assertThat(alertRecords).hasSize(2 * alerts.size());

        assertThat(countSessions(keyspace)).isEqualTo(traffic.sessions());
        List<ConsumerRecord<byte[], byte[]>> stalls =
                SERVICES.read(
                        prefix + "reelstream.qoe-stalls.v1",
                        traffic.expectedStalls(),
                        Duration.ofSeconds(30));
        assertThat(stalls).hasSize(traffic.expectedStalls());
        for (ConsumerRecord<byte[], byte[]> stall : stalls) {
            JsonNode node = JSON.readTree(stall.value());
            assertThat(node.get("cdn").asText()).isEqualTo(DEGRADED_CDN);
            assertThat(node.get("stalledMs").asLong()).isEqualTo(5_000);
        }
        assertThat(
                        SERVICES.read(
                                prefix + "reelstream.dead-letter.v1",
                                MALFORMED_CMCD,
                                Duration.ofSeconds(30)))
                .hasSize(MALFORMED_CMCD);
    }

    /** Cohorts that contain no playback of the degraded CDN. */
    private static boolean isCleanCohort(String cohort) {
        return (cohort.startsWith("cdn=")
                        || cohort.startsWith("cdn_country=")
                        || cohort.startsWith("cdn_isp="))
                && !cohort.contains(DEGRADED_CDN);
    }

    private static void send(String prefix, DegradedCdnTraffic traffic) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        String qoeTopic = prefix + "reelstream.qoe.v1";
        String cmcdTopic = prefix + "reelstream.cmcd.v1";
        for (QoeEvent sample : traffic.samples()) {
            boolean viaCmcd = sample.cdn().equals(DegradedCdnTraffic.CMCD_CDN);
            records.add(
                    new ProducerRecord<>(
                            viaCmcd ? cmcdTopic : qoeTopic,
                            null,
                            sample.eventTime(),
                            sample.playbackId().getBytes(StandardCharsets.UTF_8),
                            viaCmcd
                                    ? QoeJsonRecordSchema.toJson(cmcd(sample))
                                    : EventCodecs.qoeEncoder().encode(sample)));
        }
        for (int i = 0; i < MALFORMED_CMCD; i++) {
            String bad =
                    "{\"v\":1,\"eventTime\":"
                            + traffic.start
                            + ",\"cdn\":\"cdn-d\",\"deviceType\":\"TV\","
                            + "\"country\":\"US\",\"body\":\"sid=\\\"x"
                            + i
                            + "\\\",bl=(1 2\"}";
            records.add(
                    new ProducerRecord<>(
                            cmcdTopic,
                            null,
                            traffic.start,
                            null,
                            bad.getBytes(StandardCharsets.UTF_8)));
        }
        SERVICES.sendRecords(records);
    }

    /** The sample as an edge would forward a CMCD v2 event-mode report. */
    private static CmcdRecord cmcd(QoeEvent sample) {
        StringBuilder body = new StringBuilder();
        body.append("sid=\"").append(sample.playbackId()).append("\"");
        body.append(",cid=\"").append(sample.titleId()).append("\"");
        body.append(",sta=").append(STA.get(sample.state()));
        body.append(",ts=").append(sample.eventTime());
        body.append(",v=2");
        if (sample.bitrateKbps() != null) {
            body.append(",br=").append(sample.bitrateKbps());
        }
        if (sample.bufferMs() != null) {
            body.append(",bl=").append(sample.bufferMs());
        }
        return new CmcdRecord(
                CmcdRecord.CURRENT_VERSION,
                sample.eventId(),
                sample.eventTime(),
                null,
                null,
                body.toString(),
                sample.userId(),
                sample.cdn(),
                sample.isp(),
                sample.asn(),
                sample.deviceType().name(),
                sample.country());
    }

    private static final Map<io.reelstream.schemas.events.PlayerState, String> STA =
            Map.of(
                    io.reelstream.schemas.events.PlayerState.STARTING, "s",
                    io.reelstream.schemas.events.PlayerState.PLAYING, "p",
                    io.reelstream.schemas.events.PlayerState.SEEKING, "k",
                    io.reelstream.schemas.events.PlayerState.REBUFFERING, "r",
                    io.reelstream.schemas.events.PlayerState.PAUSED, "a",
                    io.reelstream.schemas.events.PlayerState.WAITING, "w",
                    io.reelstream.schemas.events.PlayerState.ENDED, "e",
                    io.reelstream.schemas.events.PlayerState.FATAL_ERROR, "f",
                    io.reelstream.schemas.events.PlayerState.QUIT, "q");

    private static List<Row> alertRows(String keyspace, long start) {
        Set<LocalDate> days = new TreeSet<>();
        days.add(QoeAlertsTable.day(start));
        days.add(QoeAlertsTable.day(start + MINUTES * MINUTE));
        List<Row> rows = new ArrayList<>();
        try (CqlSession session = SERVICES.newSession(keyspace)) {
            for (LocalDate day : days) {
                rows.addAll(session.execute("SELECT * FROM qoe_alerts WHERE day = ?", day).all());
            }
        }
        return rows;
    }

    private static long countSessions(String keyspace) {
        try (CqlSession session = SERVICES.newSession(keyspace)) {
            return session.execute("SELECT count(*) FROM playback_qoe").one().getLong(0);
        }
    }
}
