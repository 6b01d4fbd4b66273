package io.reelstream.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Reads job, checkpoint and metric figures from a Flink cluster's REST API (the one the dashboard
 * uses), so benchmarks observe the jobs exactly as an operator would, on a MiniCluster or a real
 * cluster alike.
 */
public final class FlinkRestProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public FlinkRestProbe(URI base) {
        this.base = base;
    }

    /** One job of the cluster. */
    public record Job(String id, String name, String state) {}

    /** Checkpoint figures of one job (sizes in bytes, durations in ms; -1 when unknown). */
    public record Checkpoints(
            long completed,
            long failed,
            long inProgress,
            long latestDurationMs,
            long maxDurationMs,
            long latestFullStateBytes,
            long latestCheckpointedBytes) {}

    public List<Job> jobs() throws IOException, InterruptedException {
        List<Job> jobs = new ArrayList<>();
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            jobs.add(
                    new Job(
                            job.path("jid").asText(),
                            job.path("name").asText(),
                            job.path("state").asText()));
        }
        return jobs;
    }

    public Checkpoints checkpoints(String jobId) throws IOException, InterruptedException {
        JsonNode root = get("/jobs/" + jobId + "/checkpoints");
        JsonNode counts = root.path("counts");
        JsonNode latest = root.path("latest").path("completed");
        return new Checkpoints(
                counts.path("completed").asLong(0),
                counts.path("failed").asLong(0),
                counts.path("in_progress").asLong(0),
                latest.path("end_to_end_duration").asLong(-1),
                root.path("summary").path("end_to_end_duration").path("max").asLong(-1),
                latest.path("state_size").asLong(-1),
                latest.path("checkpointed_size").asLong(-1));
    }

    /**
     * The sum (or min or max, see {@code aggregate}) over every vertex and subtask of {@code jobId}
     * of the metrics whose id matches {@code metric}, skipping NaN values (a histogram without
     * values); NaN if every value is NaN, 0 if none exists.
     */
    public double metric(String jobId, Predicate<String> metric, Aggregate aggregate)
            throws IOException, InterruptedException {
        double total = 0;
        boolean seen = false;
        boolean onlyNaN = false;
        for (MetricValue value : metricValues(jobId, metric, aggregate)) {
            double v = value.value();
            if (Double.isNaN(v)) {
                onlyNaN = !seen;
                continue;
            }
            if (!seen) {
                total = v;
            } else {
                total =
                        switch (aggregate) {
                            case MAX -> Math.max(total, v);
                            case MIN -> Math.min(total, v);
                            default -> total + v;
                        };
            }
            seen = true;
        }
        return !seen && onlyNaN ? Double.NaN : total;
    }

    /** One metric of one vertex, its subtasks' values combined by an {@link Aggregate}. */
    public record MetricValue(String vertexId, String id, double value) {}

    /**
     * Every metric of {@code jobId} whose id matches {@code metric}, per vertex, with its subtask
     * values combined by {@code aggregate} (NaN stays NaN: a histogram without values).
     */
    public List<MetricValue> metricValues(
            String jobId, Predicate<String> metric, Aggregate aggregate)
            throws IOException, InterruptedException {
        List<MetricValue> values = new ArrayList<>();
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            String vertexId = vertex.path("id").asText();
            String path = "/jobs/" + jobId + "/vertices/" + vertexId;
            List<String> ids = new ArrayList<>();
            for (JsonNode m : get(path + "/subtasks/metrics")) {
                String id = m.path("id").asText();
                if (metric.test(id)) {
                    ids.add(id);
                }
            }
            if (ids.isEmpty()) {
                continue;
            }
            String query = URLEncoder.encode(String.join(",", ids), StandardCharsets.UTF_8);
            for (JsonNode value : get(path + "/subtasks/metrics?get=" + query)) {
                values.add(
                        new MetricValue(
                                vertexId,
                                value.path("id").asText(),
                                value.path(aggregate.field).asDouble(0)));
            }
        }
        return values;
    }

    /** How subtask values of one metric combine. */
    public enum Aggregate {
        SUM("sum"),
        MIN("min"),
        MAX("max"),
        AVG("avg");

        private final String field;

        Aggregate(String field) {
            this.field = field;
        }
    }

    /** Metric ids ending with {@code suffix} (case-insensitive). */
    public static Predicate<String> endingWith(String suffix) {
        String lower = suffix.toLowerCase(Locale.ROOT);
        return id -> id.toLowerCase(Locale.ROOT).endsWith(lower);
    }

    /** The JSON of a GET on the REST API, {@code path} relative to the dashboard's address. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " -> " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}
