package io.reelstream.udfs.qoe;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.deadletter.Rejection;
import io.reelstream.schemas.qoe.AlertState;
import io.reelstream.schemas.qoe.QoeAlert;
import io.reelstream.udfs.cassandra.CassandraTable;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Writes {@link QoeAlert} transitions to {@code qoe_alerts} (migration V005): the OPEN and the
 * RESOLVED record share the key (day of opening, opened_at, alert_id), so resolution overwrites the
 * open row; the write timestamp is the record's event time, so a replayed OPEN never reopens it.
 */
public class QoeAlertsTable implements CassandraTable<QoeAlert> {

    private static final long serialVersionUID = 1L;

    @Override
    public String tableName() {
        return "qoe_alerts";
    }

    @Override
    public List<String> cql(String keyspace) {
        return List.of(
                "INSERT INTO "
                        + keyspace
                        + ".qoe_alerts (day, opened_at, alert_id, row_v, cohort, metric, value,"
                        + " baseline, band, state, resolved_at) VALUES (:day, :opened_at,"
                        + " :alert_id, :row_v, :cohort, :metric, :value, :baseline, :band, :state,"
                        + " :resolved_at) USING TIMESTAMP :ts");
    }

    @Override
    public Optional<Rejection> validate(QoeAlert alert) {
        if (alert.alertId() == null || alert.cohort() == null) {
            return Optional.of(new Rejection(RejectReason.MISSING_FIELD, "alertId or cohort"));
        }
        if (!Double.isFinite(alert.value())) {
            return Optional.of(new Rejection(RejectReason.INVALID_VALUE, "value " + alert.value()));
        }
        return Optional.empty();
    }

    @Override
    public Object coalesceKey(QoeAlert alert) {
        return alert.alertId();
    }

    @Override
    public long writeTimestampMicros(QoeAlert alert) {
        return alert.eventTime() * 1_000 + (alert.state() == AlertState.RESOLVED ? 1 : 0);
    }

    /** The partition an alert lives in: the UTC day it opened. */
    public static LocalDate day(long openedAtMillis) {
        return Instant.ofEpochMilli(openedAtMillis).atZone(ZoneOffset.UTC).toLocalDate();
    }

    @Override
    public List<BoundStatement> bind(List<PreparedStatement> prepared, QoeAlert alert) {
        BoundStatementBuilder row =
                prepared.get(0)
                        .boundStatementBuilder()
                        .setLocalDate("day", day(alert.openedAt()))
                        .setInstant("opened_at", Instant.ofEpochMilli(alert.openedAt()))
                        .setString("alert_id", alert.alertId())
                        .setInt("row_v", alert.v())
                        .setString("cohort", alert.cohort())
                        .setString("metric", alert.metric().name())
                        .setDouble("value", alert.value())
                        .setDouble("baseline", alert.baseline())
                        .setDouble("band", alert.band())
                        .setString("state", alert.state().name())
                        .setLong("ts", writeTimestampMicros(alert));
        if (alert.resolvedAt() != null) {
            row.setInstant("resolved_at", Instant.ofEpochMilli(alert.resolvedAt()));
        }
        return List.of(row.build());
    }
}
