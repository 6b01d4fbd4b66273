package io.reelstream.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates Reelstream's Kafka topics from deploy/kafka/topics.yaml, idempotently (existing topics
 * are left alone), optionally under a name prefix so tests get their own topics.
 */
public final class TopicBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(TopicBootstrap.class);

    /** deploy/kafka/topics.yaml as shipped on the local-stack classpath. */
    public static final String TOPICS_RESOURCE = "reelstream/deploy/kafka/topics.yaml";

    /** The layout versions of topics.yaml this class reads. */
    public static final int CURRENT_FORMAT = 1;

    private final List<TopicSpec> topics;

    private TopicBootstrap(List<TopicSpec> topics) {
        this.topics = List.copyOf(topics);
    }

    /** The topics shipped with local-stack (deploy/kafka/topics.yaml). */
    public static TopicBootstrap fromClasspath() {
        try (InputStream in =
                TopicBootstrap.class.getClassLoader().getResourceAsStream(TOPICS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(TOPICS_RESOURCE + " is not on the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The topics of a topics.yaml file. */
    public static TopicBootstrap fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Parses the topics.yaml layout ({@code format: 1}, {@code topics: [...]}). */
    public static TopicBootstrap parse(InputStream yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("topics.yaml is empty or not a mapping");
        }
        int format = root.path("format").asInt(-1);
        if (format != CURRENT_FORMAT) {
            throw new IllegalArgumentException(
                    "Unsupported topics.yaml format " + format + " (supported: 1)");
        }
        List<TopicSpec> specs = new ArrayList<>();
        for (JsonNode topic : root.path("topics")) {
            specs.add(toSpec(topic));
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("topics.yaml lists no topics");
        }
        return new TopicBootstrap(specs);
    }

    private static TopicSpec toSpec(JsonNode topic) {
        Map<String, String> config = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = topic.path("config").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            config.put(field.getKey(), field.getValue().asText());
        }
        if (!topic.hasNonNull("name") || !topic.hasNonNull("partitions")) {
            throw new IllegalArgumentException("Topic needs name and partitions: " + topic);
        }
        return new TopicSpec(
                topic.get("name").asText(),
                topic.get("partitions").asInt(),
                (short) topic.path("replication").asInt(1),
                config);
    }

    public List<TopicSpec> topics() {
        return topics;
    }

    /** The spec of one topic (unprefixed name). */
    public TopicSpec topic(String name) {
        return topics.stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No topic " + name));
    }

    /** Same topics with another replication factor (real clusters: e.g. 3). */
    public TopicBootstrap withReplication(short replication) {
        return new TopicBootstrap(
                topics.stream()
                        .map(t -> new TopicSpec(t.name(), t.partitions(), replication, t.config()))
                        .toList());
    }

    /** Creates the missing topics, each named {@code prefix + name}; returns all prefixed names. */
    public List<String> createAll(String bootstrapServers, String prefix) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            return createAll(admin, prefix);
        }
    }

    /** Creates the missing topics, each named {@code prefix + name}; returns all prefixed names. */
    public List<String> createAll(Admin admin, String prefix) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (TopicSpec spec : topics) {
                String name = spec.nameWithPrefix(prefix);
                names.add(name);
                if (!existing.contains(name)) {
                    missing.add(
                            new NewTopic(name, spec.partitions(), spec.replication())
                                    .configs(spec.config()));
                }
            }
            create(admin, missing);
            return names;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list or create topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    private static void create(Admin admin, List<NewTopic> missing)
            throws InterruptedException, TimeoutException, ExecutionException {
        if (missing.isEmpty()) {
            return;
        }
        CreateTopicsResult result = admin.createTopics(missing);
        for (Map.Entry<String, KafkaFuture<Void>> created : result.values().entrySet()) {
            try {
                created.getValue().get(30, TimeUnit.SECONDS);
                LOG.debug("Created topic {}", created.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }
}
