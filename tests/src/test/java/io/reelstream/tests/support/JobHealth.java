package io.reelstream.tests.support;

import io.reelstream.engine.FlinkRestProbe;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.util.ExceptionUtils;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Whether a job an ITCase waits on is still running, and if not, why: a test that polls Cassandra
 * or files for minutes otherwise reports only that nothing arrived, and the job's own failure (the
 * cause to fix) is lost with the MiniCluster's log.
 */
public final class JobHealth {

    private static final int MAX_STACK_CHARS = 4_000;

    private JobHealth() {}

    /**
     * Throws an {@link AssertionError} naming {@code waitingFor}, the job's state and its failure
     * (every cause's message and the root cause's stack) if {@code job} is no longer running.
     */
    public static void assertRunning(JobClient job, String waitingFor) throws Exception {
        JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
        if (!status.isGloballyTerminalState() && status != JobStatus.FAILING) {
            return;
        }
        throw new AssertionError(
                "the job is " + status + " while waiting for " + waitingFor + failure(job));
    }

    /** The job's {@code numRestarts} as {@code reporter} last saw it; empty if never reported. */
    @SuppressWarnings("unchecked")
    public static OptionalLong restarts(InMemoryReporter reporter, JobID job) {
        return reporter.findMetrics(job, "numRestarts").values().stream()
                .filter(m -> m instanceof Gauge)
                .mapToLong(m -> ((Gauge<Number>) m).getValue().longValue())
                .max();
    }

    /**
     * How far {@code job} got, from the REST API of the cluster whose client configuration is
     * {@code cluster}: its checkpoint counts and latest failed checkpoint, each vertex's lowest
     * input watermark (UTC) and the failures it restarted from. What a test that waited in vain
     * prints beside its assertion.
     */
    public static String progress(Configuration cluster, JobID job) {
        FlinkRestProbe rest = new FlinkRestProbe(restUri(cluster));
        StringBuilder text = new StringBuilder();
        try {
            JsonNode checkpoints = rest.get("/jobs/" + job + "/checkpoints");
            text.append("checkpoints ").append(checkpoints.path("counts")).append('\n');
            JsonNode failed = checkpoints.path("latest").path("failed");
            if (failed.isObject()) {
                text.append("latest failed checkpoint ")
                        .append(failed.path("id").asLong())
                        .append(": ")
                        .append(failed.path("failure_message").asText())
                        .append('\n');
            }
            for (JsonNode vertex : rest.get("/jobs/" + job).path("vertices")) {
                long lowest = Long.MAX_VALUE;
                for (JsonNode w :
                        rest.get(
                                "/jobs/"
                                        + job
                                        + "/vertices/"
                                        + vertex.path("id").asText()
                                        + "/watermarks")) {
                    lowest = Math.min(lowest, w.path("value").asLong(Long.MIN_VALUE));
                }
                text.append("watermark of '")
                        .append(vertex.path("name").asText())
                        .append("': ")
                        .append(
                                lowest == Long.MIN_VALUE || lowest == Long.MAX_VALUE
                                        ? "none"
                                        : Instant.ofEpochMilli(lowest).toString())
                        .append('\n');
            }
        } catch (Exception e) {
            text.append("(the job's REST details are unavailable: ").append(e).append(")\n");
        }
        return text.append(restartCauses(rest, job)).toString();
    }

    /** The failures the job restarted from, newest first, as the REST API keeps them. */
    private static String restartCauses(FlinkRestProbe rest, JobID job) {
        try {
            JsonNode entries =
                    rest.get("/jobs/" + job + "/exceptions")
                            .path("exceptionHistory")
                            .path("entries");
            StringBuilder text = new StringBuilder();
            for (JsonNode entry : entries) {
                String stack = entry.path("stacktrace").asText();
                text.append("at ")
                        .append(entry.path("timestamp").asLong())
                        .append(" in ")
                        .append(entry.path("taskName").asText("the job"))
                        .append(": ")
                        .append(stack, 0, Math.min(stack.length(), MAX_STACK_CHARS))
                        .append('\n');
            }
            return text.toString();
        } catch (Exception e) {
            return "(the exception history is unavailable: " + e + ")";
        }
    }

    private static URI restUri(Configuration cluster) {
        return URI.create(
                "http://"
                        + cluster.get(RestOptions.ADDRESS)
                        + ":"
                        + cluster.get(RestOptions.PORT)
                        + "/");
    }

    /** The job's failure as text: each cause's message, then the root cause's stack. */
    private static String failure(JobClient job) {
        try {
            job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
            return " (finished without an error)";
        } catch (ExecutionException e) {
            StringBuilder text = new StringBuilder(": ");
            Throwable root = e.getCause();
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                text.append(t).append(t.getCause() != null ? "; caused by " : "");
                root = t;
            }
            String stack = ExceptionUtils.stringifyException(root);
            return text.append("\nroot cause:\n")
                    .append(stack, 0, Math.min(stack.length(), MAX_STACK_CHARS))
                    .toString();
        } catch (Exception e) {
            return " (its result is unknown: " + e + ")";
        }
    }
}
