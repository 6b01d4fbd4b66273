package io.reelstream.pipelines.common;

import io.reelstream.pipelines.continuewatching.ContinueWatchingOptions;
import io.reelstream.pipelines.features.SessionFeaturesOptions;
import io.reelstream.pipelines.qoe.QoeOptions;
import io.reelstream.pipelines.recs.RecsJobSettings;
import io.reelstream.pipelines.recs.RecsOptions;
import io.reelstream.udfs.cassandra.CassandraOptions;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * One key scheme, {@code reelstream.<area>.*}, and every key of an earlier release still read as a
 * deprecated key, so existing deployments keep working after the rename.
 */
class OptionKeysTest {

    /** Options added after the rename: they never had an old key. */
    private static final Set<ConfigOption<?>> ADDED_AFTER_RENAME =
            Set.of(
                    RecsOptions.COVISIT_WINDOW,
                    RecsOptions.COVISIT_NEIGHBOURS,
                    RecsOptions.COVISIT_CANDIDATES,
                    RecsOptions.COVISIT_HALF_LIFE,
                    RecsOptions.SIMILAR_TITLES_WRITE_INTERVAL,
                    RecsOptions.RANKER_MODELS_TOPIC,
                    RecsOptions.RANKER_CANDIDATES_PER_SOURCE,
                    RecsOptions.TRAINING_LOG_PATH,
                    RecsOptions.TRAINING_LOG_HORIZON,
                    RecsOptions.TRAINING_LOG_MAX_DECISION_DELAY,
                    RecsOptions.TRAINING_LOG_MEMBER_SHARE,
                    ContinueWatchingOptions.SETTLE_DELAY,
                    QoeOptions.SETTLE_DELAY);

    @Test
    void shouldNameEveryJobOptionUnderItsJobAndKeepTheOldKeyAsDeprecated() {
        assertScheme(
                SessionFeaturesOptions.ALL, "session-features.", "reelstream.session-features.");
        assertScheme(
                ContinueWatchingOptions.ALL, "continue-watching.", "reelstream.continue-watching.");
        assertScheme(QoeOptions.ALL, "qoe.", "reelstream.qoe.");
        assertScheme(RecsOptions.ALL, "recs.", "reelstream.recommendations.");
        assertScheme(CassandraOptions.ALL, "cassandra.", "reelstream.cassandra.");
    }

    @Test
    void shouldStillReadTheKeysOfEarlierReleases() {
        Configuration old =
                Configuration.fromMap(
                        Map.of(
                                "recs.top-n", "20",
                                "recs.item-factors-topic", "old.item-factors",
                                "recs.engagement.min-watched", "2 min",
                                "qoe.cohort-window", "5 min",
                                "continue-watching.write-ahead", "false",
                                "session-features.emit-debounce", "1 s"));

        RecsJobSettings recs = RecsOptions.from(old);
        assertThat(recs.settings().topN()).isEqualTo(20);
        assertThat(recs.itemFactorsTopic()).isEqualTo("old.item-factors");
        assertThat(recs.settings().engagement().minWatchedMs()).isEqualTo(120_000);
        assertThat(QoeOptions.from(old).cohortWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(ContinueWatchingOptions.from(old).writeAhead()).isFalse();
        assertThat(SessionFeaturesOptions.from(old).emitDebounce())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldPreferTheNewKeyWhenBothAreSet() {
        Configuration both =
                Configuration.fromMap(
                        Map.of("recs.top-n", "20", "reelstream.recommendations.top-n", "30"));
        assertThat(RecsOptions.from(both).settings().topN()).isEqualTo(30);
    }

    private static void assertScheme(
            List<ConfigOption<?>> options, String oldPrefix, String newPrefix) {
        assertThat(options)
                .isNotEmpty()
                .allSatisfy(
                        option -> {
                            assertThat(option.key()).startsWith(newPrefix);
                            if (ADDED_AFTER_RENAME.contains(option)) {
                                assertThat(option.fallbackKeys()).isEmpty();
                                return;
                            }
                            String suffix = option.key().substring(newPrefix.length());
                            assertThat(option.fallbackKeys())
                                    .extracting(FallbackKey::getKey, FallbackKey::isDeprecated)
                                    .singleElement()
                                    .isEqualTo(tuple(oldPrefix + suffix, true));
                        });
    }
}
