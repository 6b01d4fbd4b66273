package io.reelstream.udfs.qoe;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.deadletter.Rejection;
import io.reelstream.schemas.qoe.SessionSummary;
import io.reelstream.udfs.cassandra.CassandraTable;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writes {@link SessionSummary} rows to {@code playback_qoe} (migrations V004 and V008): one upsert
 * per playback, timestamped with its end time, absent values left unset. Rows expire with the
 * table's default TTL (30 days).
 */
public class PlaybackQoeTable implements CassandraTable<SessionSummary> {

    private static final long serialVersionUID = 1L;

    @Override
    public String tableName() {
        return "playback_qoe";
    }

    @Override
    public List<String> cql(String keyspace) {
        return List.of(
                "INSERT INTO "
                        + keyspace
                        + ".playback_qoe (playback_id, row_v, user_id, title_id, cdn, isp,"
                        + " device_type, country, startup_ms, exit_before_start, start_failure,"
                        + " rebuffer_count, rebuffer_ms, play_ms, rebuffer_ratio, avg_bitrate_kbps,"
                        + " final_bitrate_kbps, bitrate_switches, fatal_errors, started_at, ended_at,"
                        + " end_reason, startup_source, rebuffer_count_source,"
                        + " rebuffer_duration_source, dropped_frames, live_latency_ms, backgrounded,"
                        + " content_changes, player_errors) VALUES (:playback_id, :row_v, :user_id,"
                        + " :title_id, :cdn, :isp, :device_type, :country, :startup_ms,"
                        + " :exit_before_start, :start_failure, :rebuffer_count, :rebuffer_ms,"
                        + " :play_ms, :rebuffer_ratio, :avg_bitrate_kbps, :final_bitrate_kbps,"
                        + " :bitrate_switches, :fatal_errors, :started_at, :ended_at, :end_reason,"
                        + " :startup_source, :rebuffer_count_source, :rebuffer_duration_source,"
                        + " :dropped_frames, :live_latency_ms, :backgrounded, :content_changes,"
                        + " :player_errors) USING TIMESTAMP :ts");
    }

    @Override
    public Optional<Rejection> validate(SessionSummary summary) {
        if (summary.playbackId() == null || summary.playbackId().isEmpty()) {
            return Optional.of(new Rejection(RejectReason.MISSING_FIELD, "playbackId"));
        }
        return Optional.empty();
    }

    @Override
    public Object coalesceKey(SessionSummary summary) {
        return summary.playbackId();
    }

    @Override
    public long writeTimestampMicros(SessionSummary summary) {
        return summary.endTime() * 1_000;
    }

    @Override
    public List<BoundStatement> bind(List<PreparedStatement> prepared, SessionSummary s) {
        BoundStatementBuilder row =
                prepared.get(0)
                        .boundStatementBuilder()
                        .setString("playback_id", s.playbackId())
                        .setInt("row_v", s.v())
                        .setBoolean("exit_before_start", s.exitBeforeStart())
                        .setBoolean("start_failure", s.startFailure())
                        .setInt("rebuffer_count", s.rebufferCount())
                        .setLong("rebuffer_ms", s.rebufferMs())
                        .setLong("play_ms", s.playMs())
                        .setInt("bitrate_switches", s.bitrateSwitches())
                        .setInt("fatal_errors", s.fatalErrors())
                        .setInstant("started_at", Instant.ofEpochMilli(s.startTime()))
                        .setInstant("ended_at", Instant.ofEpochMilli(s.endTime()))
                        .setString("end_reason", s.outcome().name())
                        .setString("startup_source", s.startupSource().name())
                        .setString("rebuffer_count_source", s.rebufferCountSource().name())
                        .setString("rebuffer_duration_source", s.rebufferDurationSource().name())
                        .setBoolean("backgrounded", s.backgrounded())
                        .setInt("content_changes", s.contentChanges())
                        .setInt("player_errors", s.playerErrors())
                        .setLong("ts", writeTimestampMicros(s));
        setIfPresent(row, "user_id", s.userId());
        setIfPresent(row, "title_id", s.titleId());
        setIfPresent(row, "cdn", s.cdn());
        setIfPresent(row, "isp", s.isp());
        setIfPresent(row, "country", s.country());
        if (s.deviceType() != null) {
            row.setString("device_type", s.deviceType().name());
        }
        if (s.rebufferRatio() != null) {
            row.setDouble("rebuffer_ratio", s.rebufferRatio());
        }
        if (s.droppedFrames() != null) {
            row.setLong("dropped_frames", s.droppedFrames());
        }
        if (s.liveLatencyMs() != null) {
            row.setLong("live_latency_ms", s.liveLatencyMs());
        }
        if (s.startupMs() != null) {
            row.setLong("startup_ms", s.startupMs());
        }
        if (s.avgBitrateKbps() != null) {
            row.setDouble("avg_bitrate_kbps", s.avgBitrateKbps());
        }
        if (s.finalBitrateKbps() != null) {
            row.setInt("final_bitrate_kbps", s.finalBitrateKbps());
        }
        return List.of(row.build());
    }

    private static void setIfPresent(BoundStatementBuilder row, String column, String value) {
        if (value != null) {
            row.setString(column, value);
        }
    }
}
