package io.reelstream.serving;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.CqlVector;
import com.datastax.oss.driver.api.core.data.UdtValue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The read path of the serving tables: one method per serving read, each one single-partition query
 * on a prepared statement (ANN search is the exception: a global index query at consistency ONE,
 * the only level Cassandra 5.0 supports for it). Every other read runs at the client's read
 * consistency, {@link #DEFAULT_READ_CONSISTENCY} unless the caller passes another. Used by {@code
 * reelstream show} and by serving layers.
 */
public final class ServingClient implements AutoCloseable {

    /** Rows beyond this rank are never served. */
    public static final int MAX_RECOMMENDATIONS = 100;

    /** Upper bound of {@code k} for ANN queries in Cassandra 5.0. */
    public static final int MAX_SIMILAR = 1000;

    /**
     * LOCAL_QUORUM: with the sink's default (also LOCAL_QUORUM) a read sees every acknowledged
     * write. With replication factor 2 it needs both replicas, so a serving layer that must keep
     * answering while one is down reads at LOCAL_ONE (and may then miss writes not yet replicated).
     */
    public static final ConsistencyLevel DEFAULT_READ_CONSISTENCY =
            DefaultConsistencyLevel.LOCAL_QUORUM;

    private final CqlSession session;
    private final boolean ownsSession;
    private final ConsistencyLevel readConsistency;
    private final PreparedStatement userFeatures;
    private final FeatureRows featureRows;
    private final PreparedStatement continueWatching;
    private final PreparedStatement recommendations;
    private final PreparedStatement itemFactors;
    private final PreparedStatement similarTitles;
    private final PreparedStatement watchedTogether;

    /**
     * A client on an existing session (not closed by {@link #close()}).
     *
     * @param keyspace the serving keyspace
     */
    public ServingClient(CqlSession session, String keyspace) {
        this(session, keyspace, DEFAULT_READ_CONSISTENCY);
    }

    /**
     * A client on an existing session (not closed by {@link #close()}) reading at {@code
     * readConsistency} (ANN queries excepted: always ONE).
     */
    public ServingClient(CqlSession session, String keyspace, ConsistencyLevel readConsistency) {
        this(session, keyspace, readConsistency, false);
    }

    private ServingClient(
            CqlSession session,
            String keyspace,
            ConsistencyLevel readConsistency,
            boolean ownsSession) {
        this.session = Objects.requireNonNull(session);
        this.ownsSession = ownsSession;
        this.readConsistency = Objects.requireNonNull(readConsistency, "readConsistency");
        String ks = Objects.requireNonNull(keyspace);
        this.userFeatures =
                session.prepare(
                        "SELECT "
                                + FeatureRows.COLUMNS
                                + " FROM "
                                + ks
                                + ".user_features WHERE user_id = ?");
        this.featureRows = new FeatureRows(session, ks, readConsistency);
        this.continueWatching =
                session.prepare(
                        "SELECT cw_row, updated_at FROM "
                                + ks
                                + ".continue_watching WHERE user_id = ?");
        this.recommendations =
                session.prepare(
                        "SELECT rank, show_id, score, sources, ranker, model_version, generated_at FROM "
                                + ks
                                + ".recommendations WHERE user_id = ? LIMIT "
                                + MAX_RECOMMENDATIONS);
        this.itemFactors =
                session.prepare(
                        "SELECT factors, bias, model_version, updated_at FROM "
                                + ks
                                + ".item_factors WHERE show_id = ?");
        this.similarTitles =
                session.prepare(
                        "SELECT show_id, similarity_cosine(factors, ?) AS similarity FROM "
                                + ks
                                + ".item_factors ORDER BY factors ANN OF ? LIMIT ?");
        this.watchedTogether =
                session.prepare(
                        "SELECT neighbours, similarities FROM "
                                + ks
                                + ".similar_titles WHERE show_id = ?");
    }

    /**
     * A client with its own session (closed by {@link #close()}) through one contact point (the
     * driver finds the other nodes), reading at {@link #DEFAULT_READ_CONSISTENCY}.
     */
    public static ServingClient connect(
            InetSocketAddress contactPoint, String localDatacenter, String keyspace) {
        return connect(contactPoint, localDatacenter, keyspace, DEFAULT_READ_CONSISTENCY);
    }

    /**
     * As {@link #connect(InetSocketAddress, String, String)}, reading at {@code readConsistency}.
     */
    public static ServingClient connect(
            InetSocketAddress contactPoint,
            String localDatacenter,
            String keyspace,
            ConsistencyLevel readConsistency) {
        DriverConfigLoader config =
                DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                        .withString(DefaultDriverOption.REQUEST_CONSISTENCY, readConsistency.name())
                        .build();
        CqlSession session =
                CqlSession.builder()
                        .withConfigLoader(config)
                        .addContactPoint(contactPoint)
                        .withLocalDatacenter(localDatacenter)
                        .build();
        try {
            return new ServingClient(session, keyspace, readConsistency, true);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Every feature set of a user; empty if the user has none (or they aged out). */
    public Optional<UserFeatures> userFeatures(String userId) {
        List<FeatureSet> sets = new ArrayList<>();
        for (Row row :
                session.execute(userFeatures.bind(userId).setConsistencyLevel(readConsistency))) {
            sets.add(featureRows.decode(row));
        }
        return sets.isEmpty() ? Optional.empty() : Optional.of(new UserFeatures(userId, sets));
    }

    /** The user's continue-watching row in display order; empty if there is none. */
    public Optional<ContinueWatching> continueWatching(String userId) {
        Row row =
                session.execute(continueWatching.bind(userId).setConsistencyLevel(readConsistency))
                        .one();
        if (row == null) {
            return Optional.empty();
        }
        List<ContinueWatchingEntry> entries = new ArrayList<>();
        List<UdtValue> values = row.getList("cw_row", UdtValue.class);
        for (UdtValue v : values == null ? List.<UdtValue>of() : values) {
            entries.add(
                    new ContinueWatchingEntry(
                            v.getString("title_id"),
                            v.getString("series_id"),
                            v.getLong("position_ms"),
                            v.getLong("runtime_ms"),
                            v.getFloat("progress"),
                            v.getInstant("last_watched"),
                            v.getString("device")));
        }
        return Optional.of(new ContinueWatching(userId, entries, row.getInstant("updated_at")));
    }

    /**
     * The user's current recommendations by rank. Rows of an older, longer list that the newest
     * list did not overwrite are skipped: only rows of the newest {@code generated_at} are served.
     */
    public List<Recommendation> recommendations(String userId) {
        List<Recommendation> all = new ArrayList<>();
        Instant newest = Instant.MIN;
        for (Row row :
                session.execute(
                        recommendations.bind(userId).setConsistencyLevel(readConsistency))) {
            Recommendation r =
                    new Recommendation(
                            row.getInt("rank"),
                            row.getString("show_id"),
                            row.getFloat("score"),
                            row.getSet("sources", String.class),
                            row.getString("ranker"),
                            row.getLong("model_version"),
                            row.getInstant("generated_at"));
            all.add(r);
            if (r.generatedAt() != null && r.generatedAt().isAfter(newest)) {
                newest = r.generatedAt();
            }
        }
        Instant current = newest;
        return all.stream().filter(r -> current.equals(r.generatedAt())).toList();
    }

    /** The factors of one show; empty if it has none. */
    public Optional<ItemFactors> itemFactors(String showId) {
        Row row =
                session.execute(itemFactors.bind(showId).setConsistencyLevel(readConsistency))
                        .one();
        if (row == null) {
            return Optional.empty();
        }
        CqlVector<Float> factors = row.getVector("factors", Float.class);
        return Optional.of(
                new ItemFactors(
                        showId,
                        factors == null ? List.of() : toList(factors),
                        row.getFloat("bias"),
                        row.getLong("model_version"),
                        row.getInstant("updated_at")));
    }

    /**
     * Up to {@code k} shows most similar to {@code showId} by ANN over item factors (the show
     * itself excluded), most similar first; empty if the show has no factors.
     */
    public List<SimilarTitle> similarTitles(String showId, int k) {
        if (k <= 0 || k >= MAX_SIMILAR) {
            throw new IllegalArgumentException("k must be in 1.." + (MAX_SIMILAR - 1));
        }
        Optional<ItemFactors> item = itemFactors(showId);
        if (item.isEmpty() || item.get().factors().isEmpty()) {
            return List.of();
        }
        CqlVector<Float> query = CqlVector.newInstance(item.get().factors());
        List<SimilarTitle> similar = new ArrayList<>();
        for (Row row :
                session.execute(
                        similarTitles
                                .bind(query, query, k + 1)
                                .setConsistencyLevel(ConsistencyLevel.ONE))) {
            String other = row.getString("show_id");
            if (!other.equals(showId) && similar.size() < k) {
                similar.add(new SimilarTitle(other, row.getFloat("similarity")));
            }
        }
        return similar;
    }

    /**
     * Up to {@code k} shows "watched together" with {@code showId} (item-to-item co-visitation,
     * cosine on decayed counts, from {@code similar_titles}), most similar first; empty if the show
     * has no row yet.
     */
    public List<SimilarTitle> watchedTogether(String showId, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive");
        }
        Row row =
                session.execute(watchedTogether.bind(showId).setConsistencyLevel(readConsistency))
                        .one();
        if (row == null) {
            return List.of();
        }
        return SimilarTitle.zip(
                row.getList("neighbours", String.class),
                row.getList("similarities", Float.class),
                k);
    }

    @Override
    public void close() {
        if (ownsSession) {
            session.close();
        }
    }

    private static List<Float> toList(CqlVector<Float> vector) {
        List<Float> values = new ArrayList<>(vector.size());
        for (Float f : vector) {
            values.add(f);
        }
        return List.copyOf(values);
    }
}
