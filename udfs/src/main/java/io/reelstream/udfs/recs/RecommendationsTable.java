package io.reelstream.udfs.recs;

import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.deadletter.Rejection;
import io.reelstream.udfs.cassandra.CassandraTable;
import io.reelstream.udfs.ranker.CandidateSource;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a member's whole list to {@code recommendations} (migrations V007, V011): one row per
 * rank, all with the same {@code generated_at} and write timestamp, sent as one single-partition
 * batch, each with the sources that proposed its show and the ranker that ordered the list. Readers
 * keep the rows of the newest {@code generated_at}.
 */
public final class RecommendationsTable implements CassandraTable<Recommendations> {

    private static final long serialVersionUID = 1L;

    public static final String TABLE = "recommendations";

    private final int maxRanks;

    public RecommendationsTable(int maxRanks) {
        this.maxRanks = maxRanks;
    }

    @Override
    public String tableName() {
        return TABLE;
    }

    @Override
    public List<String> cql(String keyspace) {
        return List.of(
                "INSERT INTO "
                        + keyspace
                        + "."
                        + TABLE
                        + " (user_id, rank, row_v, show_id, score, sources, ranker, model_version,"
                        + " generated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
    }

    @Override
    public Optional<Rejection> validate(Recommendations recs) {
        if (recs.userId() == null || recs.userId().isEmpty()) {
            return Optional.of(new Rejection(RejectReason.MISSING_FIELD, "userId is empty"));
        }
        if (recs.showIds().length != recs.scores().length
                || recs.showIds().length != recs.sources().length
                || recs.showIds().length > maxRanks) {
            return Optional.of(
                    new Rejection(
                            RejectReason.INVALID_VALUE,
                            recs.showIds().length
                                    + " shows, "
                                    + recs.scores().length
                                    + " scores, "
                                    + recs.sources().length
                                    + " sources, cap "
                                    + maxRanks));
        }
        if (recs.showIds().length == 0) {
            return Optional.of(new Rejection(RejectReason.INVALID_VALUE, "empty list"));
        }
        return Optional.empty();
    }

    @Override
    public Object coalesceKey(Recommendations recs) {
        return recs.userId();
    }

    @Override
    public long writeTimestampMicros(Recommendations recs) {
        return recs.generatedAt() * 1000;
    }

    @Override
    public List<BoundStatement> bind(List<PreparedStatement> prepared, Recommendations recs) {
        List<BoundStatement> rows = new ArrayList<>(recs.size());
        Instant generatedAt = Instant.ofEpochMilli(recs.generatedAt());
        for (int r = 0; r < recs.size(); r++) {
            rows.add(
                    prepared.get(0)
                            .boundStatementBuilder()
                            .setString(0, recs.userId())
                            .setInt(1, r + 1)
                            .setInt(2, recs.v())
                            .setString(3, recs.showIds()[r])
                            .setFloat(4, recs.scores()[r])
                            .setSet(5, CandidateSource.storedNames(recs.sources()[r]), String.class)
                            .setString(6, recs.ranker())
                            .setLong(7, recs.modelVersion())
                            .setInstant(8, generatedAt)
                            .setLong(9, writeTimestampMicros(recs))
                            .build());
        }
        return rows;
    }
}
