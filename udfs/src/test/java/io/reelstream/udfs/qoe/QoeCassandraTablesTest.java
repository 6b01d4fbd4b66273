package io.reelstream.udfs.qoe;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.deadletter.Rejection;
import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.qoe.AlertState;
import io.reelstream.schemas.qoe.MetricSource;
import io.reelstream.schemas.qoe.QoeAlert;
import io.reelstream.schemas.qoe.QoeMetric;
import io.reelstream.schemas.qoe.SessionOutcome;
import io.reelstream.schemas.qoe.SessionSummary;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The QoE binders against the real migrations: every written column exists, keys and timestamps.
 */
class QoeCassandraTablesTest {

    private static final Pattern INSERT_COLUMNS = Pattern.compile("\\(([^)]*)\\) VALUES");

    @Test
    void shouldOnlyWriteColumnsOfTheMigratedTables() throws IOException {
        Set<String> playbackQoe = new HashSet<>(tableColumns("V004__playback_qoe.cql"));
        playbackQoe.addAll(tableColumns("V008__playback_qoe_sources.cql"));
        assertThat(insertColumns(new PlaybackQoeTable().cql("ks").get(0)))
                .isSubsetOf(playbackQoe)
                .contains("rebuffer_duration_source", "startup_source");
        assertThat(insertColumns(new QoeAlertsTable().cql("ks").get(0)))
                .isSubsetOf(tableColumns("V005__qoe_alerts.cql"));
        assertThat(new PlaybackQoeTable().cql("ks").get(0))
                .startsWith("INSERT INTO ks.playback_qoe");
    }

    @Test
    void shouldKeySummariesByPlaybackAndTimestampByEndTime() {
        SessionSummary summary = summary("p-1");
        PlaybackQoeTable table = new PlaybackQoeTable();

        assertThat(table.coalesceKey(summary)).isEqualTo("p-1");
        assertThat(table.writeTimestampMicros(summary)).isEqualTo(9_000_000L);
        assertThat(table.validate(summary)).isEmpty();
        assertThat(table.validate(summary("")))
                .map(Rejection::reason)
                .contains(RejectReason.MISSING_FIELD);
    }

    @Test
    void shouldLetResolutionOverwriteOpenRowOfSameAlert() {
        QoeAlertsTable table = new QoeAlertsTable();
        long openedAt = 1_764_287_940_000L;
        QoeAlert open = alert(AlertState.OPEN, openedAt, openedAt, 0.2);
        QoeAlert resolved = alert(AlertState.RESOLVED, openedAt, openedAt, 0.01);

        assertThat(table.coalesceKey(open)).isEqualTo(table.coalesceKey(resolved));
        assertThat(table.writeTimestampMicros(resolved))
                .isGreaterThan(table.writeTimestampMicros(open));
        assertThat(QoeAlertsTable.day(openedAt)).isEqualTo(LocalDate.of(2025, 11, 27));
        assertThat(table.validate(alert(AlertState.OPEN, openedAt, openedAt, Double.NaN)))
                .map(Rejection::reason)
                .contains(RejectReason.INVALID_VALUE);
    }

    private static Set<String> insertColumns(String cql) {
        Matcher m = INSERT_COLUMNS.matcher(cql);
        assertThat(m.find()).isTrue();
        return Arrays.stream(m.group(1).split(",")).map(String::strip).collect(Collectors.toSet());
    }

    private static Set<String> tableColumns(String migration) throws IOException {
        List<String> lines = Files.readAllLines(migrations().resolve(migration));
        return lines.stream()
                .map(String::strip)
                .filter(l -> l.matches("[a-z_]+\\s+[a-z<>, ]+,?"))
                .map(l -> l.split("\\s+")[0])
                .collect(Collectors.toSet());
    }

    private static Path migrations() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/cassandra/migrations"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("deploy/cassandra/migrations above the working directory").isNotNull();
        return dir.resolve("deploy/cassandra/migrations");
    }

    private static SessionSummary summary(String id) {
        return new SessionSummary(
                1,
                id,
                "u",
                "t",
                "cdn-a",
                "isp",
                1,
                DeviceType.TV,
                "US",
                SessionOutcome.COMPLETED,
                1_000,
                9_000,
                true,
                500L,
                false,
                false,
                0,
                0,
                7_500,
                0.0,
                3_000,
                3_000,
                0,
                0,
                null,
                0,
                MetricSource.STATES,
                MetricSource.STATES,
                MetricSource.STATES,
                null,
                null,
                null,
                false,
                0,
                0,
                0);
    }

    private static QoeAlert alert(AlertState state, long openedAt, long eventTime, double value) {
        return new QoeAlert(
                1,
                "cdn=a/REBUFFER_RATIO/" + openedAt,
                "cdn=a",
                QoeMetric.REBUFFER_RATIO,
                state,
                openedAt,
                eventTime,
                state == AlertState.RESOLVED ? eventTime : null,
                value,
                0.01,
                0.02,
                40);
    }
}
