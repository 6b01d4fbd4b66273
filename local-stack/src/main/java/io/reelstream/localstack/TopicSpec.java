package io.reelstream.localstack;

import java.util.Map;
import java.util.Objects;

/**
 * One topic of deploy/kafka/topics.yaml: name, partitions, replication and topic configs.
 *
 * @param name the topic name without any prefix
 * @param partitions number of partitions (at least 1)
 * @param replication replication factor (at least 1)
 * @param config topic-level configs such as retention.ms or cleanup.policy
 */
public record TopicSpec(
        String name, int partitions, short replication, Map<String, String> config) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Topic name is blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException(name + ": partitions must be >= 1");
        }
        if (replication < 1) {
            throw new IllegalArgumentException(name + ": replication must be >= 1");
        }
        config = Map.copyOf(config == null ? Map.of() : config);
    }

    /** The topic's name under a prefix, e.g. "test-1a2b." + "reelstream.playback.v1". */
    public String nameWithPrefix(String prefix) {
        return prefix + name;
    }

    /** True for changelog topics (cleanup.policy contains compact): every record needs a key. */
    public boolean compacted() {
        return config.getOrDefault("cleanup.policy", "delete").contains("compact");
    }
}
