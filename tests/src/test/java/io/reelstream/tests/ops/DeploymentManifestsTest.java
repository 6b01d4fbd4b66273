package io.reelstream.tests.ops;

import io.reelstream.localstack.TopicBootstrap;
import io.reelstream.localstack.TopicSpec;
import io.reelstream.pipelines.PipelineDefinition;
import io.reelstream.pipelines.Pipelines;
import io.reelstream.tests.support.RepositoryRoot;

import org.apache.flink.configuration.ConfigOption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parses every Kubernetes manifest in {@code deploy/k8s} and checks it against the code: one
 * FlinkDeployment per job with that job's entry class, Flink 2.2 and savepoint upgrades, only
 * option keys that exist (Flink's or Reelstream's typed options), topic names that
 * deploy/kafka/topics.yaml defines, and no secret written in clear.
 */
class DeploymentManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> REELSTREAM_KEYS = new HashSet<>();
    private static final Map<String, String> TOPIC_DEFAULTS = new HashMap<>();

    @BeforeAll
    static void collectReelstreamOptions() throws IllegalAccessException {
        for (JavaClass type :
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.reelstream")) {
            if (!type.getSimpleName().endsWith("Options")) {
                continue;
            }
            for (Field field : type.reflect().getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        && ConfigOption.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    ConfigOption<?> option = (ConfigOption<?>) field.get(null);
                    REELSTREAM_KEYS.add(option.key());
                    if (option.key().endsWith("-topic") && option.hasDefaultValue()) {
                        TOPIC_DEFAULTS.put(option.key(), String.valueOf(option.defaultValue()));
                    }
                }
            }
        }
        assertThat(REELSTREAM_KEYS).as("Reelstream ConfigOptions found").hasSizeGreaterThan(20);
    }

    @Test
    void everyJobHasOneFlinkDeploymentWithItsEntryClass() throws Exception {
        Map<String, JsonNode> byEntryClass = new HashMap<>();
        for (JsonNode manifest : flinkDeployments()) {
            byEntryClass.put(manifest.at("/spec/job/entryClass").asText(), manifest);
        }
        for (PipelineDefinition pipeline : Pipelines.all()) {
            JsonNode manifest = byEntryClass.remove(pipeline.entryClass().getName());
            assertThat(manifest).as("FlinkDeployment for %s", pipeline.name()).isNotNull();
            assertThat(manifest.at("/metadata/name").asText())
                    .isEqualTo("reelstream-" + pipeline.name());
        }
        assertThat(byEntryClass.keySet()).as("manifests for jobs that do not exist").isEmpty();
    }

    @Test
    void manifestsAreFlink22ApplicationsUpgradedWithSavepoints() throws Exception {
        for (JsonNode m : flinkDeployments()) {
            String name = m.at("/metadata/name").asText();
            assertThat(m.at("/apiVersion").asText()).as(name).isEqualTo("flink.apache.org/v1beta1");
            assertThat(m.at("/spec/flinkVersion").asText()).as(name).isEqualTo("v2_2");
            assertThat(m.at("/spec/job/upgradeMode").asText()).as(name).isEqualTo("savepoint");
            assertThat(m.at("/spec/job/jarURI").asText())
                    .as(name)
                    .isEqualTo("local:///opt/flink/usrlib/reelstream-pipelines.jar");
            assertThat(m.at("/spec/job/parallelism").asInt()).as(name).isPositive();
            assertThat(m.at("/spec/flinkConfiguration/high-availability.type").asText())
                    .as(name)
                    .isEqualTo("kubernetes");
        }
    }

    @Test
    void everyOptionKeyExistsAndNoSecretIsWrittenInClear() throws Exception {
        Set<String> flinkKeys = FlinkConfigFilesTest.currentFlinkKeys();
        List<String> problems = new ArrayList<>();
        for (JsonNode m : flinkDeployments()) {
            String name = m.at("/metadata/name").asText();
            Iterator<Map.Entry<String, JsonNode>> fields =
                    m.at("/spec/flinkConfiguration").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                String key = entry.getKey();
                boolean known =
                        flinkKeys.contains(key)
                                || REELSTREAM_KEYS.contains(key)
                                || key.startsWith("metrics.reporter.")
                                || key.startsWith("kubernetes.operator.");
                if (!known) {
                    problems.add(name + ": unknown option " + key);
                }
                if (key.contains("password") && !entry.getValue().asText().startsWith("env:")) {
                    problems.add(name + ": " + key + " must be an env: reference");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Setting {@code env.java.opts.all} replaces the default of Flink's distribution, which carries
     * the JDK 17 module flags Flink needs: without them a job fails at submission (found when the
     * job jar first ran on a standalone cluster). Every manifest must carry the cluster config's
     * value.
     */
    @Test
    void everyManifestKeepsFlinksJdk17ModuleFlags() throws Exception {
        String cluster =
                YAML.readTree(repo().resolve("flink-conf/cluster/config.yaml").toFile())
                        .path("env.java.opts.all")
                        .asText();
        assertThat(cluster)
                .contains("--add-opens=java.base/java.util=ALL-UNNAMED")
                .contains("--add-modules jdk.incubator.vector");
        for (JsonNode m : flinkDeployments()) {
            assertThat(m.at("/spec/flinkConfiguration/env.java.opts.all").asText())
                    .as(m.at("/metadata/name").asText())
                    .isEqualTo(cluster);
        }
    }

    @Test
    void everyTopicAJobUsesIsDefinedInTopicsYaml() throws Exception {
        Set<String> defined = new HashSet<>();
        for (TopicSpec spec :
                TopicBootstrap.fromFile(repo().resolve("deploy/kafka/topics.yaml")).topics()) {
            defined.add(spec.name());
        }
        assertThat(TOPIC_DEFAULTS).as("topic options found").isNotEmpty();
        assertThat(TOPIC_DEFAULTS.values())
                .allSatisfy(topic -> assertThat(defined).contains(topic));
    }

    private static List<JsonNode> flinkDeployments() throws Exception {
        List<JsonNode> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.list(repo().resolve("deploy/k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode node = YAML.readTree(file.toFile());
                if ("FlinkDeployment".equals(node.path("kind").asText())) {
                    manifests.add(node);
                }
            }
        }
        assertThat(manifests).isNotEmpty();
        return manifests;
    }

    private static Path repo() {
        return RepositoryRoot.path();
    }
}
