package io.reelstream.tests.qoe;

import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.qoe.QoeAlertsTable;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
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
 * What the QoE job must have stored for {@link DegradedCdnTraffic}, checked the same way by every
 * ITCase that runs it: an alert for the degraded CDN that opens within two evaluation windows of
 * the degradation and resolves after it, no alert on a cohort without degraded traffic, and one
 * session row per playback.
 */
public final class QoeAlertChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QoeAlertChecks() {}

    /** Every {@code qoe_alerts} row of the days the traffic spans. */
    public static List<Row> alertRows(
            SharedServices services, String keyspace, DegradedCdnTraffic traffic) {
        Set<LocalDate> days = new TreeSet<>();
        days.add(QoeAlertsTable.day(traffic.start));
        days.add(QoeAlertsTable.day(traffic.start + traffic.minutes * MINUTE));
        List<Row> rows = new ArrayList<>();
        try (CqlSession session = services.newSession(keyspace)) {
            for (LocalDate day : days) {
                rows.addAll(session.execute("SELECT * FROM qoe_alerts WHERE day = ?", day).all());
            }
        }
        return rows;
    }

    /**
     * Asserts the alerts: the degraded CDN's rebuffer-ratio alert opened and resolved in time, no
     * alert on a clean cohort. Returns the metrics alerted per cohort, for the log.
     */
    public static String assertAlertsOnlyForTheDegradedCdn(
            List<Row> alerts, DegradedCdnTraffic traffic) {
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
        String summary =
                byCohort.entrySet().stream()
                        .map(
                                e ->
                                        e.getKey()
                                                + "="
                                                + e.getValue().stream()
                                                        .map(r -> r.getString("metric"))
                                                        .toList())
                        .sorted()
                        .toList()
                        .toString();
        List<String> falseAlerts =
                byCohort.keySet().stream().filter(QoeAlertChecks::isCleanCohort).sorted().toList();
        assertThat(falseAlerts)
                .as("alerts on cohorts without degraded traffic %s", summary)
                .isEmpty();
        return summary;
    }

    /** The playbacks with a {@code playback_qoe} row (closed sessions). */
    public static Set<String> sessionRows(SharedServices services, String keyspace) {
        Set<String> playbacks = new TreeSet<>();
        try (CqlSession session = services.newSession(keyspace)) {
            for (Row row : session.execute("SELECT playback_id FROM playback_qoe")) {
                playbacks.add(row.getString("playback_id"));
            }
        }
        return playbacks;
    }

    /**
     * Asserts that every stall record is a 5 s stall on the degraded CDN; returns the stalled
     * playbacks.
     */
    public static Set<String> stalledPlaybacks(List<ConsumerRecord<byte[], byte[]>> stalls)
            throws IOException {
        Set<String> playbacks = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> stall : stalls) {
            JsonNode node = JSON.readTree(stall.value());
            assertThat(node.get("cdn").asText()).isEqualTo(DEGRADED_CDN);
            assertThat(node.get("stalledMs").asLong()).isEqualTo(5_000);
            playbacks.add(node.get("playbackId").asText());
        }
        return playbacks;
    }

    /** Cohorts that contain no playback of the degraded CDN. */
    private static boolean isCleanCohort(String cohort) {
        return (cohort.startsWith("cdn=")
                        || cohort.startsWith("cdn_country=")
                        || cohort.startsWith("cdn_isp="))
                && !cohort.contains(DEGRADED_CDN);
    }
}
