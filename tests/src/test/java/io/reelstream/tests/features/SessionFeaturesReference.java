package io.reelstream.tests.features;

import io.reelstream.generator.GeneratedRecord;
import io.reelstream.generator.TopicKind;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.SearchEvent;
import io.reelstream.schemas.features.UserFeatureVector;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.serving.FeatureRows;
import io.reelstream.serving.FeatureSet;
import io.reelstream.udfs.features.UserActivity;
import io.reelstream.udfs.features.UserSessionState;
import io.reelstream.udfs.features.model.UserSessionFeatureSet;
import io.reelstream.udfs.features.model.UserSessionModel;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference user_session vectors from the generator's records, without Flink: decodes the records
 * the job would accept, then replays each user's activities through the Flink-free model (which the
 * udfs unit tests prove equal to a naive recomputation) and evaluates it at a given as-of time.
 */
public final class SessionFeaturesReference {

    private final Map<String, List<UserActivity>> byUser = new HashMap<>();
    private final Map<String, CatalogRecord> catalog = new HashMap<>();

    public SessionFeaturesReference(List<GeneratedRecord> records) {
        DecodeLimits limits = DecodeLimits.defaults();
        long now = System.currentTimeMillis();
        for (GeneratedRecord r : records) {
            RawRecord raw =
                    new RawRecord(
                            r.kind().name(),
                            0,
                            0,
                            r.eventTime(),
                            r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8),
                            r.value());
            if (r.kind() == TopicKind.PLAYBACK
                    && EventCodecs.playbackDecoder(limits).decode(raw, now)
                            instanceof DecodeResult.Ok<PlaybackEvent> ok) {
                add(UserActivity.of(ok.value()));
            } else if (r.kind() == TopicKind.SEARCH
                    && EventCodecs.searchDecoder(limits).decode(raw, now)
                            instanceof DecodeResult.Ok<SearchEvent> ok) {
                add(UserActivity.of(ok.value()));
            } else if (r.kind() == TopicKind.CATALOG
                    && EventCodecs.catalogDecoder(limits).decode(raw, now)
                            instanceof DecodeResult.Ok<CatalogRecord> ok) {
                catalog.merge(
                        ok.value().titleId(),
                        ok.value(),
                        (a, b) -> b.updatedAt() >= a.updatedAt() ? b : a);
            }
        }
    }

    private void add(UserActivity activity) {
        byUser.computeIfAbsent(activity.userId, u -> new ArrayList<>()).add(activity);
    }

    /** Users with at least one accepted activity. */
    public Map<String, List<UserActivity>> activities() {
        return byUser;
    }

    /** Event time of the user's newest activity. */
    public long lastEventTime(String user) {
        return byUser.get(user).stream().mapToLong(a -> a.eventTime).max().orElseThrow();
    }

    /** The user's vector at {@code asOf} from every activity up to it. */
    public UserFeatureVector vector(String user, long asOf) throws Exception {
        UserSessionModel model = new UserSessionModel(Long.MAX_VALUE / 4);
        UserSessionState store = new UserSessionState();
        for (UserActivity a : byUser.get(user)) {
            if (a.eventTime <= asOf) {
                model.accept(store, a);
            }
        }
        model.advance(store, asOf, Long.MIN_VALUE);
        return model.emit(store, user, this::genres);
    }

    private List<String> genres(String titleId) {
        CatalogRecord record = catalog.get(titleId);
        return record == null ? null : record.genres();
    }

    /**
     * Why a stored row of {@code user} differs from this reference at the row's as-of time, or null
     * if it equals it (values compared as the float32 the row stores).
     */
    public String mismatch(String user, FeatureSet stored) throws Exception {
        if (stored == null) {
            return "no row";
        }
        long asOf = stored.asOf().toEpochMilli();
        if (asOf < lastEventTime(user)) {
            return "as of " + asOf + " before the last event " + lastEventTime(user);
        }
        UserFeatureVector expected = vector(user, asOf);
        List<Float> expectedValues = new ArrayList<>();
        for (double v : expected.values) {
            expectedValues.add((float) v);
        }
        if (!stored.name().equals(UserSessionFeatureSet.NAME)
                || stored.version() != UserSessionFeatureSet.VERSION
                || !stored.names().equals(List.of(expected.names))
                || !stored.values().equals(expectedValues)) {
            return "stored " + stored.names() + "=" + stored.values() + " expected " + expected;
        }
        return null;
    }

    /**
     * Polls {@code user_features} until the row of every user in {@code users} is as of (at least)
     * the user's last event and equals this reference at that as-of time; returns the remaining
     * mismatches at the deadline (empty: all equal).
     */
    public Map<String, String> awaitStored(
            CqlSession session, String keyspace, Collection<String> users, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> mismatches = new HashMap<>();
        FeatureRows featureRows = new FeatureRows(session, keyspace);
        do {
            Thread.sleep(2000);
            mismatches.clear();
            Map<String, FeatureSet> rows = new HashMap<>();
            for (Row row :
                    session.execute(
                            "SELECT user_id, " + FeatureRows.COLUMNS + " FROM user_features")) {
                rows.put(row.getString("user_id"), featureRows.decode(row));
            }
            for (String user : users) {
                String problem = mismatch(user, rows.get(user));
                if (problem != null) {
                    mismatches.put(user, problem);
                }
            }
        } while (!mismatches.isEmpty() && System.nanoTime() < deadline);
        return mismatches;
    }
}
