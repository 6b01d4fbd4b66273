package io.reelstream.benchmarks;

import io.reelstream.engine.FlinkRestProbe;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@code reelstream bench state-growth} samples from a job through Flink's REST API (as
 * an operator would on a real cluster): the latest completed checkpoint with its size per vertex,
 * the input watermark of one vertex, and RocksDB's native per-state metrics (estimated keys and
 * live bytes, one value per column family, summed over subtasks).
 */
final class StateGrowthProbe {

    static final String KEYS_METRIC = "estimate-num-keys";
    static final String LIVE_BYTES_METRIC = "estimate-live-data-size";

    private final FlinkRestProbe rest;

    StateGrowthProbe(URI base) {
        this.rest = new FlinkRestProbe(base);
    }

    /** The latest completed checkpoint of a job; {@code id} -1 if none yet. */
    record Checkpoint(
            long id,
            long stateBytes,
            long checkpointedBytes,
            long durationMs,
            long failed,
            Map<String, Long> bytesByVertex) {}

    /** Job status ({@code RUNNING}, {@code FAILED}, ...). */
    String state(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** Vertex id by vertex name, in graph order. */
    Map<String, String> vertices(String jobId) throws IOException, InterruptedException {
        Map<String, String> byName = new LinkedHashMap<>();
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            byName.put(vertex.path("name").asText(), vertex.path("id").asText());
        }
        return byName;
    }

    Checkpoint latestCheckpoint(String jobId, Map<String, String> vertices)
            throws IOException, InterruptedException {
        JsonNode root = get("/jobs/" + jobId + "/checkpoints");
        JsonNode latest = root.path("latest").path("completed");
        long failed = root.path("counts").path("failed").asLong(0);
        if (latest.isMissingNode() || latest.isNull()) {
            return new Checkpoint(-1, -1, -1, -1, failed, Map.of());
        }
        long id = latest.path("id").asLong(-1);
        Map<String, Long> byVertex = new LinkedHashMap<>();
        JsonNode tasks = get("/jobs/" + jobId + "/checkpoints/details/" + id).path("tasks");
        for (Map.Entry<String, String> vertex : vertices.entrySet()) {
            JsonNode task = tasks.path(vertex.getValue());
            if (!task.isMissingNode()) {
                byVertex.put(vertex.getKey(), task.path("state_size").asLong(0));
            }
        }
        return new Checkpoint(
                id,
                latest.path("state_size").asLong(-1),
                latest.path("checkpointed_size").asLong(-1),
                latest.path("end_to_end_duration").asLong(-1),
                failed,
                byVertex);
    }

    /** The smallest input watermark over the subtasks of a vertex; Long.MIN_VALUE if none. */
    long inputWatermark(String jobId, String vertexId) throws IOException, InterruptedException {
        long min = Long.MAX_VALUE;
        boolean seen = false;
        for (JsonNode m : get("/jobs/" + jobId + "/vertices/" + vertexId + "/watermarks")) {
            if (m.path("id").asText().endsWith("currentInputWatermark")) {
                min = Math.min(min, m.path("value").asLong(Long.MIN_VALUE));
                seen = true;
            }
        }
        return seen ? min : Long.MIN_VALUE;
    }

    /**
     * Sum over subtasks of every metric whose id ends with {@code suffix}, by metric id without the
     * suffix (for RocksDB native metrics: operator and state name).
     */
    Map<String, Long> metricsEndingWith(String jobId, Map<String, String> vertices, String suffix)
            throws IOException, InterruptedException {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String vertexId : vertices.values()) {
            String path = "/jobs/" + jobId + "/vertices/" + vertexId + "/subtasks/metrics";
            List<String> ids = new ArrayList<>();
            for (JsonNode m : get(path)) {
                String id = m.path("id").asText();
                if (id.endsWith(suffix)) {
                    ids.add(id);
                }
            }
            for (int from = 0; from < ids.size(); from += 20) {
                List<String> batch = ids.subList(from, Math.min(ids.size(), from + 20));
                String query = URLEncoder.encode(String.join(",", batch), StandardCharsets.UTF_8);
                for (JsonNode value : get(path + "?get=" + query)) {
                    String id = value.path("id").asText();
                    String name = id.substring(0, id.length() - suffix.length());
                    values.merge(trimDots(name), value.path("sum").asLong(0), Long::sum);
                }
            }
        }
        return values;
    }

    /** {@code op.state.rocksdb_} (the metric id without its suffix) to {@code op.state}. */
    static String trimDots(String name) {
        String trimmed = name.endsWith("rocksdb_") ? name.substring(0, name.length() - 8) : name;
        int end = trimmed.length();
        while (end > 0 && (trimmed.charAt(end - 1) == '.' || trimmed.charAt(end - 1) == '_')) {
            end--;
        }
        return trimmed.substring(0, end);
    }

    static long sum(Map<String, Long> values) {
        return values.values().stream().mapToLong(Long::longValue).sum();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return rest.get(path);
    }
}
