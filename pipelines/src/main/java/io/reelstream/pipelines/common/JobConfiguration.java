package io.reelstream.pipelines.common;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.HashMap;
import java.util.Map;

/**
 * The configuration a job's {@code main} runs with: the cluster's own (the {@code
 * flinkConfiguration} of a FlinkDeployment, or {@code config.yaml}) overlaid with {@code --key
 * value} program arguments, so options can be set either way.
 */
public final class JobConfiguration {

    private JobConfiguration() {}

    /** Cluster configuration plus {@code --key value} / {@code --key=value} arguments. */
    public static Configuration load(String[] args) {
        Map<String, String> merged =
                new HashMap<>(
                        StreamExecutionEnvironment.getExecutionEnvironment()
                                .getConfiguration()
                                .toMap());
        merged.putAll(parseArguments(args));
        return Configuration.fromMap(merged);
    }

    /** Parses {@code --key value} and {@code --key=value} pairs; anything else is an error. */
    public static Map<String, String> parseArguments(String[] args) {
        Map<String, String> parsed = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("Expected --key value, got: " + arg);
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            if (eq > 0) {
                parsed.put(body.substring(0, eq), body.substring(eq + 1));
            } else if (i + 1 < args.length) {
                parsed.put(body, args[++i]);
            } else {
                throw new IllegalArgumentException("Missing value for --" + body);
            }
        }
        return parsed;
    }
}
