package io.reelstream.tests.reliability;

import io.reelstream.tests.support.SharedServices;

import org.apache.flink.configuration.Configuration;

import java.time.Duration;
import java.util.List;

/**
 * One job as {@code AllJobsOnClusterITCase} drives it on a standalone cluster: the job's entry
 * class and options, its traffic sent in parts while the cluster fails and rescales, and the
 * failure-free reference its stored results must meet, the same one the job's MiniCluster ITCases
 * check.
 */
interface ClusterJobScenario {

    /** The job's name, for messages. */
    String name();

    /** The job's main class in the shaded job jar. */
    Class<?> entryClass();

    /** The job's options: consumer group, this scenario's topics and keyspace. */
    Configuration configuration();

    /** Sends what must precede the traffic (e.g. the catalog). */
    void sendSetup();

    /** Sends part {@code part} of {@code parts} of the traffic, in order. */
    void sendPart(int part, int parts);

    /**
     * Waits until the job's consumer group committed every input topic to its end: a checkpoint
     * holds everything sent so far.
     */
    void awaitConsumed(Duration timeout) throws Exception;

    /**
     * Sends what a production stream would bring after the traffic, once it is consumed: later
     * event time, so everything the reference holds is settled. Nothing by default.
     */
    default void sendClosing() {}

    /**
     * Polls the stored results until they meet the reference; fails with the difference at the
     * deadline. Returns what was compared, for the log.
     */
    String assertMatchesReference(Duration timeout) throws Exception;

    /** Part {@code part} of {@code parts} of {@code all}, split by position. */
    static <T> List<T> part(List<T> all, int part, int parts) {
        return all.subList(all.size() * part / parts, all.size() * (part + 1) / parts);
    }

    /** Waits until {@code group} committed each of {@code topics} to its end. */
    static void awaitCommitted(
            SharedServices services, String group, List<String> topics, Duration timeout)
            throws Exception {
        for (String topic : topics) {
            FaultRecovery.awaitCommittedToEnd(services.bootstrapServers(), group, topic, timeout);
        }
    }
}
