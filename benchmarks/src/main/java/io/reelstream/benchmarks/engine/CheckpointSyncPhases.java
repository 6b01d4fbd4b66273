package io.reelstream.benchmarks.engine;

import io.reelstream.engine.FlinkRestProbe;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How long the checkpoints of the live phase held each job's task threads: the synchronous part of
 * a checkpoint (heap timers written out, RocksDB's native checkpoint, the sinks' flushes) runs in
 * the task thread, and every record arriving meanwhile waits, so it bounds the freshness tail
 * (docs/benchmarks.md, decision run 25). Per completed checkpoint it keeps the longest synchronous
 * part of any subtask of any operator, from the REST API's checkpoint details.
 */
final class CheckpointSyncPhases {

    private final FlinkRestProbe probe;
    private final Map<String, List<Long>> byJob = new LinkedHashMap<>();
    private final Set<String> seen = new HashSet<>();

    CheckpointSyncPhases(FlinkRestProbe probe) {
        this.probe = probe;
    }

    /**
     * Reads the completed checkpoints of {@code jobId} triggered at or after {@code fromMs} that
     * were not read before (the REST history keeps the last ten: call at least that often).
     */
    void collect(String job, String jobId, long fromMs) throws IOException, InterruptedException {
        List<Long> phases = byJob.computeIfAbsent(job, j -> new ArrayList<>());
        for (JsonNode checkpoint : probe.get("/jobs/" + jobId + "/checkpoints").path("history")) {
            long id = checkpoint.path("id").asLong();
            if (!"COMPLETED".equals(checkpoint.path("status").asText())
                    || checkpoint.path("trigger_timestamp").asLong() < fromMs
                    || !seen.add(jobId + "/" + id)) {
                continue;
            }
            String details = "/jobs/" + jobId + "/checkpoints/details/" + id;
            long longest = 0;
            Iterator<String> vertices = probe.get(details).path("tasks").fieldNames();
            while (vertices.hasNext()) {
                JsonNode subtasks =
                        probe.get(details + "/subtasks/" + vertices.next()).path("subtasks");
                for (JsonNode subtask : subtasks) {
                    longest = Math.max(longest, subtask.path("checkpoint").path("sync").asLong(0));
                }
            }
            phases.add(longest);
        }
    }

    /** The report's line, see {@link #summary}. */
    String line() {
        return summary(byJob);
    }

    /**
     * {@code checkpoint sync phase in the counted part (...): job=median/max ms (checkpoints) …},
     * {@code n/a} for a job without a completed checkpoint in the part.
     */
    static String summary(Map<String, List<Long>> byJob) {
        StringBuilder line =
                new StringBuilder(
                        "checkpoint sync phase in the counted part (per checkpoint the longest of"
                                + " any subtask; median/max ms, checkpoints):");
        byJob.forEach(
                (job, phases) -> {
                    line.append(' ').append(job).append('=');
                    if (phases.isEmpty()) {
                        line.append("n/a");
                        return;
                    }
                    line.append(
                            String.format(
                                    Locale.ROOT,
                                    "%.0f/%.0f (%d)",
                                    FreshnessStats.quantile(phases, 0.5),
                                    FreshnessStats.quantile(phases, 1.0),
                                    phases.size()));
                });
        return line.toString();
    }
}
