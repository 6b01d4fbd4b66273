package io.reelstream.benchmarks.engine;

import io.reelstream.engine.FlinkRestProbe;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The checkpoints' synchronous phases as the REST API reports them, and the report's line. */
class CheckpointSyncPhasesTest {

    private HttpServer server;
    private final Map<String, String> responses = new LinkedHashMap<>();

    @BeforeEach
    void startRestApi() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    String body = responses.get(exchange.getRequestURI().getPath());
                    byte[] bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                    exchange.close();
                });
        server.start();
    }

    @AfterEach
    void stopRestApi() {
        server.stop(0);
    }

    private FlinkRestProbe probe() {
        return new FlinkRestProbe(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
    }

    private void checkpoint(String job, int id, Map<String, long[]> syncByVertex) {
        String details = "/jobs/" + job + "/checkpoints/details/" + id;
        StringBuilder tasks = new StringBuilder();
        syncByVertex.forEach(
                (vertex, syncs) -> {
                    tasks.append(tasks.isEmpty() ? "" : ",")
                            .append('"')
                            .append(vertex)
                            .append("\":{}");
                    StringBuilder subtasks = new StringBuilder();
                    for (int i = 0; i < syncs.length; i++) {
                        subtasks.append(i == 0 ? "" : ",")
                                .append("{\"index\":")
                                .append(i)
                                .append(",\"checkpoint\":{\"sync\":")
                                .append(syncs[i])
                                .append(",\"async\":7}}");
                    }
                    responses.put(
                            details + "/subtasks/" + vertex, "{\"subtasks\":[" + subtasks + "]}");
                });
        responses.put(details, "{\"tasks\":{" + tasks + "}}");
    }

    @Test
    void shouldKeepTheLongestSubtaskOfAnyOperatorPerCompletedCheckpointOfTheCountedPart()
            throws Exception {
        responses.put(
                "/jobs/j1/checkpoints",
                "{\"history\":["
                        + "{\"id\":4,\"status\":\"IN_PROGRESS\",\"trigger_timestamp\":4000},"
                        + "{\"id\":3,\"status\":\"COMPLETED\",\"trigger_timestamp\":3000},"
                        + "{\"id\":2,\"status\":\"FAILED\",\"trigger_timestamp\":2000},"
                        + "{\"id\":1,\"status\":\"COMPLETED\",\"trigger_timestamp\":1000},"
                        + "{\"id\":0,\"status\":\"COMPLETED\",\"trigger_timestamp\":500}]}");
        checkpoint("j1", 3, Map.of("a", new long[] {40, 900}, "b", new long[] {120, 3}));
        checkpoint("j1", 1, Map.of("a", new long[] {15, 25}, "b", new long[] {60, 0}));
        checkpoint("j1", 0, Map.of("a", new long[] {99_999}));

        CheckpointSyncPhases phases = new CheckpointSyncPhases(probe());
        phases.collect("continue-watching", "j1", 1000);
        phases.collect("continue-watching", "j1", 1000);

        assertThat(phases.line()).endsWith(" continue-watching=60/900 (2)").doesNotContain("99999");
    }

    @Test
    void shouldGiveTheMedianAndMaximumPerJobAndNaWithoutCheckpoints() {
        Map<String, List<Long>> byJob = new LinkedHashMap<>();
        byJob.put("session-features", List.of(300L, 100L, 2_000L, 200L, 150L));
        byJob.put("qoe", List.of());

        assertThat(CheckpointSyncPhases.summary(byJob))
                .startsWith("checkpoint sync phase in the counted part")
                .endsWith(" session-features=200/2000 (5) qoe=n/a");
    }
}
