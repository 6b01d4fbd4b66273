package io.reelstream.tests.ops;

import io.reelstream.tests.support.RepositoryRoot;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ClusterOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads every {@code flink-conf/} file with Flink's own parser and fails on keys Flink 2.2 does not
 * know, on deprecated keys and on values that do not parse, so configuration cannot drift silently.
 */
class FlinkConfigFilesTest {

    private static final List<Class<?>> OPTION_CLASSES =
            List.of(
                    CheckpointingOptions.class,
                    StateBackendOptions.class,
                    StateRecoveryOptions.class,
                    RocksDBOptions.class,
                    RocksDBConfigurableOptions.class,
                    TaskManagerOptions.class,
                    JobManagerOptions.class,
                    RestartStrategyOptions.class,
                    PipelineOptions.class,
                    CoreOptions.class,
                    ExecutionOptions.class,
                    HighAvailabilityOptions.class,
                    MetricOptions.class,
                    RestOptions.class,
                    WebOptions.class,
                    ClusterOptions.class,
                    SecurityOptions.class);

    /** Per-reporter keys: {@code metrics.reporter.<name>.<suffix>}. */
    private static final Pattern REPORTER_KEY =
            Pattern.compile("metrics\\.reporter\\.([^.]+)\\.(.+)");

    private static final Set<String> REPORTER_SUFFIXES =
            Set.of(
                    "factory.class",
                    "interval",
                    "port",
                    "filter.includes",
                    "filter.excludes",
                    "scope.delimiter",
                    "scope.variables.excludes",
                    "scope.variables.additional");

    @ParameterizedTest
    @ValueSource(strings = {"local", "cluster"})
    void everyKeyExistsInFlink22AndIsNotDeprecated(String profile) throws Exception {
        Path dir = configDir(profile);
        Configuration conf = GlobalConfiguration.loadConfiguration(dir.toString());
        Map<String, ConfigOption<?>> current = new HashMap<>();
        Map<String, String> deprecated = new HashMap<>();
        collectOptions(current, deprecated);

        assertThat(conf.keySet()).as("keys loaded from %s", dir).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (String key : conf.keySet()) {
            if (deprecated.containsKey(key)) {
                problems.add(key + " is deprecated, use " + deprecated.get(key));
                continue;
            }
            Matcher reporter = REPORTER_KEY.matcher(key);
            if (reporter.matches()) {
                if (!REPORTER_SUFFIXES.contains(reporter.group(2))) {
                    problems.add(key + " is not a metric reporter option");
                }
                continue;
            }
            ConfigOption<?> option = current.get(key);
            if (option == null) {
                problems.add(key + " is not a Flink 2.2 configuration key");
                continue;
            }
            try {
                conf.get(option);
            } catch (RuntimeException e) {
                problems.add(key + " has a value Flink cannot parse: " + e.getMessage());
            }
        }
        assertThat(problems).as("problems in %s/config.yaml", profile).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "cluster"})
    void configuresRocksDbCheckpointsRestartsAndPrometheus(String profile) throws Exception {
        Configuration conf = GlobalConfiguration.loadConfiguration(configDir(profile).toString());

        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(conf.get(CheckpointingOptions.ENABLE_UNALIGNED)).isTrue();
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isPositive();
        assertThat(conf.get(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS)).isPositive();
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isNotBlank();
        assertThat(conf.get(CheckpointingOptions.SAVEPOINT_DIRECTORY)).isNotBlank();
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY))
                .isEqualTo("exponential-delay");
        assertThat(conf.get(PipelineOptions.GENERIC_TYPES)).as("Kryo fallback is off").isFalse();
        String factory = conf.getString("metrics.reporter.prom.factory.class", "");
        assertThat(Class.forName(factory)).as("Prometheus reporter on the classpath").isNotNull();
        assertThat(conf.get(RestOptions.PORT)).isEqualTo(8081);
    }

    private static void collectOptions(
            Map<String, ConfigOption<?>> current, Map<String, String> deprecated)
            throws IllegalAccessException {
        for (Class<?> type : OPTION_CLASSES) {
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())
                        || !ConfigOption.class.isAssignableFrom(field.getType())) {
                    continue;
                }
                field.setAccessible(true);
                ConfigOption<?> option = (ConfigOption<?>) field.get(null);
                if (field.isAnnotationPresent(Deprecated.class)) {
                    deprecated.putIfAbsent(option.key(), "a current option");
                } else {
                    current.put(option.key(), option);
                }
                for (FallbackKey fallback : option.fallbackKeys()) {
                    if (fallback.isDeprecated()) {
                        deprecated.put(fallback.getKey(), option.key());
                    }
                }
            }
        }
        // A key that is current somewhere is not deprecated (options are re-declared across
        // classes).
        deprecated.keySet().removeAll(current.keySet());
    }

    /** Every current (non-deprecated) key of the option classes this project configures. */
    static Set<String> currentFlinkKeys() throws IllegalAccessException {
        Map<String, ConfigOption<?>> current = new HashMap<>();
        collectOptions(current, new HashMap<>());
        return current.keySet();
    }

    static Path configDir(String profile) {
        Path dir = RepositoryRoot.path().resolve("flink-conf").resolve(profile);
        assertThat(dir.resolve("config.yaml")).exists();
        return dir;
    }
}
