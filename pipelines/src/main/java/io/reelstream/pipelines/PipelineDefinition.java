package io.reelstream.pipelines;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.Serializable;

/**
 * One Reelstream job as the launchers see it: a stable name, its entry class (for {@code
 * FlinkDeployment} manifests) and how to add its production graph to an environment.
 *
 * @param name short name used on the command line and in manifests, e.g. {@code session-features}
 * @param jobName the job's display name in the Flink dashboard
 * @param entryClass the class whose {@code main} runs the job on a cluster
 * @param graph builds the production graph from a configuration
 */
public record PipelineDefinition(String name, String jobName, Class<?> entryClass, Graph graph) {

    /** Adds a job's production graph (Kafka sources, Cassandra and Kafka sinks) to {@code env}. */
    @FunctionalInterface
    public interface Graph extends Serializable {
        void build(Configuration configuration, StreamExecutionEnvironment env);
    }
}
