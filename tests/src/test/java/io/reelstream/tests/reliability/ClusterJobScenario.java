package io.reelstream.tests.reliability;

import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.ingest.IngestOptions;

import org.apache.flink.configuration.Configuration;

import java.time.Duration;
import java.util.List;

/**
 * One job as {@code AllJobsOnClusterITCase} drives it on a standalone cluster: the job's entry
 * class and options, its traffic sent in parts while the cluster fails and rescales, and the
 * failure-free reference its stored results must meet, the same one the job's MiniCluster ITCases
 * check.
 */
abstract class ClusterJobScenario {

    protected final SharedServices services;
    private final String name;
    private final Class<?> entryClass;
    private final Configuration configuration = new Configuration();

    ClusterJobScenario(SharedServices services, String name, Class<?> entryClass) {
        this.services = services;
        this.name = name;
        this.entryClass = entryClass;
    }

    /** The job's name, for messages. */
    final String name() {
        return name;
    }

    /** The job's main class in the shaded job jar. */
    final Class<?> entryClass() {
        return entryClass;
    }

    /**
     * The job's options: consumer group, this scenario's topics and keyspace (filled in by the
     * scenario's constructor).
     */
    final Configuration configuration() {
        return configuration;
    }

    /** The topics the job reads its traffic from (not its own loops). */
    abstract List<String> inputTopics();

    /** Sends what must precede the traffic (e.g. the catalog); nothing by default. */
    void sendSetup() {}

    /** Sends part {@code part} of {@code parts} of the traffic, in order. */
    abstract void sendPart(int part, int parts);

    /**
     * Waits until the job's consumer group committed every input topic to its end: a checkpoint
     * holds everything sent so far.
     */
    final void awaitConsumed(Duration timeout) throws Exception {
        String group = configuration().get(IngestOptions.GROUP_ID);
        for (String topic : inputTopics()) {
            FaultRecovery.awaitCommittedToEnd(services.bootstrapServers(), group, topic, timeout);
        }
    }

    /**
     * Sends what a production stream would bring after the traffic, once it is consumed: later
     * event time, so everything the reference holds is settled. Nothing by default.
     */
    void sendClosing() {}

    /**
     * Polls the stored results until they meet the reference; fails with the difference at the
     * deadline. Returns what was compared, for the log.
     */
    abstract String assertMatchesReference(Duration timeout) throws Exception;

    /** Part {@code part} of {@code parts} of {@code all}, split by position. */
    static <T> List<T> part(List<T> all, int part, int parts) {
        return all.subList(all.size() * part / parts, all.size() * (part + 1) / parts);
    }
}
