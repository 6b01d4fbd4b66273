package io.reelstream.pipelines.common;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.HashMap;
import java.util.Map;

/**
 * The configuration a job's {@code main} runs with: the cluster's own (the {@code
 * flinkConfiguration} of a FlinkDeployment, or {@code config.yaml}) overlaid with {@code --key
 * value} program arguments, so options can be set either way. A value {@code env:NAME} is read from
 * the environment variable {@code NAME}, so secrets (mounted from Kubernetes Secrets) never appear
 * in manifests or in the dashboard's configuration view.
 */
public final class JobConfiguration {

    private static final String ENV_PREFIX = "env:";

    private JobConfiguration() {}

    /** Cluster configuration plus {@code --key value} / {@code --key=value} arguments. */
    public static Configuration load(String[] args) {
        Map<String, String> merged =
                new HashMap<>(
                        StreamExecutionEnvironment.getExecutionEnvironment()
                                .getConfiguration()
                                .toMap());
        merged.putAll(parseArguments(args));
        return Configuration.fromMap(resolveEnvironment(merged, System.getenv()));
    }

    /** Replaces every {@code env:NAME} value by the variable's value; a missing variable fails. */
    public static Map<String, String> resolveEnvironment(
            Map<String, String> config, Map<String, String> environment) {
        Map<String, String> resolved = new HashMap<>(config);
        for (Map.Entry<String, String> entry : config.entrySet()) {
            String value = entry.getValue();
            if (value != null && value.startsWith(ENV_PREFIX)) {
                String variable = value.substring(ENV_PREFIX.length());
                String secret = environment.get(variable);
                if (secret == null) {
                    throw new IllegalArgumentException(
                            "Option "
                                    + entry.getKey()
                                    + " refers to unset environment variable "
                                    + variable);
                }
                resolved.put(entry.getKey(), secret);
            }
        }
        return resolved;
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
