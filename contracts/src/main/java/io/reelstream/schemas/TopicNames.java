package io.reelstream.schemas;

import java.util.List;

/**
 * The one place for the default Kafka topic names. A topic name ends in the major version of the
 * contract it carries ({@code .v1}); a new payload version gets a new topic. The jobs' topic
 * options default to these, the generator writes to them, and {@code deploy/kafka/topics.yaml}
 * (partitions, retention, compaction) must define exactly these ({@code DeploymentManifestsTest}).
 */
public final class TopicNames {

    private TopicNames() {}

    // inputs: client and backend events
    public static final String PLAYBACK = "reelstream.playback.v1";
    public static final String QOE = "reelstream.qoe.v1";
    public static final String CMCD = "reelstream.cmcd.v1";
    public static final String SEARCH = "reelstream.search.v1";
    public static final String CATALOG = "reelstream.catalog.v1";

    // rejected input, from every job
    public static final String DEAD_LETTER = "reelstream.dead-letter.v1";

    // outputs
    public static final String USER_FEATURES = "reelstream.user-features.v1";
    public static final String QOE_SESSIONS = "reelstream.qoe-sessions.v1";
    public static final String QOE_STALLS = "reelstream.qoe-stalls.v1";
    public static final String QOE_ALERTS = "reelstream.qoe-alerts.v1";

    // the recommendations job's compacted changelog of item factors (read back as broadcast state)
    public static final String ITEM_FACTORS = "reelstream.item-factors.v1";

    // ranker models for the recommendations job (compacted: the newest model is all it needs)
    public static final String RANKER_MODELS = "reelstream.ranker-models.v1";

    /** Every topic, in the order of {@code deploy/kafka/topics.yaml}. */
    public static final List<String> ALL =
            List.of(
                    PLAYBACK,
                    QOE,
                    CMCD,
                    SEARCH,
                    CATALOG,
                    DEAD_LETTER,
                    USER_FEATURES,
                    QOE_SESSIONS,
                    QOE_STALLS,
                    QOE_ALERTS,
                    ITEM_FACTORS,
                    RANKER_MODELS);
}
