package io.reelstream.udfs.ingest;

import io.reelstream.schemas.json.DecodeLimits;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How a job reads Kafka and decodes records, parsed from {@link IngestOptions}.
 *
 * @param clientProperties extra Kafka client properties; may hold secrets, never log the values
 */
public record IngestSettings(
        String bootstrapServers,
        String groupId,
        StartingOffsets startingOffsets,
        Map<String, String> clientProperties,
        DecodeLimits decodeLimits,
        Duration outOfOrderness,
        Duration idleness,
        Duration startupDelay)
        implements Serializable {

    public IngestSettings {
        clientProperties = Map.copyOf(clientProperties);
    }

    /** A Kafka client's properties: {@code defaults}, with the client properties over them. */
    public Properties clientProperties(Map<String, String> defaults) {
        Properties properties = new Properties();
        properties.putAll(defaults);
        properties.putAll(clientProperties);
        return properties;
    }

    /** Safe to log: client property values (SASL, TLS secrets) are left out, keys are shown. */
    @Override
    public String toString() {
        return "IngestSettings[bootstrapServers="
                + bootstrapServers
                + ", groupId="
                + groupId
                + ", startingOffsets="
                + startingOffsets
                + ", clientPropertyKeys="
                + new TreeMap<>(clientProperties).keySet()
                + ", decodeLimits="
                + decodeLimits
                + ", outOfOrderness="
                + outOfOrderness
                + ", idleness="
                + idleness
                + ", startupDelay="
                + startupDelay
                + "]";
    }
}
