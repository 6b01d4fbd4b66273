package io.reelstream.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Deploys and stops jobs on any Flink 2.2 cluster through its REST API, as an operator's tooling
 * does: upload the job jar ({@code POST /jars/upload}), run an entry class from it ({@code POST
 * /jars/:id/run}, optionally from a savepoint), and stop a job with a savepoint ({@code POST
 * /jobs/:id/stop}, then poll the operation). Works the same on this machine's standalone cluster
 * and on a remote one.
 */
public final class FlinkJobDeployer {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkJobDeployer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final FlinkRestProbe probe;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public FlinkJobDeployer(URI base) {
        this.base = base;
        this.probe = new FlinkRestProbe(base);
    }

    /**
     * What to run from an uploaded jar.
     *
     * @param entryClass the class whose {@code main} builds the job
     * @param arguments program arguments ({@code --key value} pairs for Reelstream jobs)
     * @param parallelism the job's default parallelism; 0 keeps the cluster's
     * @param savepoint restore from this savepoint or retained checkpoint, if present
     */
    public record Run(
            String entryClass,
            List<String> arguments,
            int parallelism,
            Optional<String> savepoint) {}

    /** {@code options} as program arguments {@code --key value}, the form a job's main reads. */
    public static List<String> programArguments(Map<String, String> options) {
        List<String> arguments = new ArrayList<>();
        options.forEach(
                (key, value) -> {
                    arguments.add("--" + key);
                    arguments.add(value);
                });
        return arguments;
    }

    /** Uploads {@code jar}; returns the id the cluster gave it. */
    public String upload(Path jar) throws IOException, InterruptedException {
        String boundary = "reelstream-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                                + jar.getFileName()
                                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve("/jars/upload"))
                        .timeout(Duration.ofMinutes(2))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build();
        JsonNode response = send(request, "POST /jars/upload");
        String file = response.path("filename").asText();
        if (file.isEmpty()) {
            throw new IOException("POST /jars/upload answered without a file name: " + response);
        }
        String id = Path.of(file).getFileName().toString();
        LOG.info("Uploaded {} to {} as {}", jar.getFileName(), base, id);
        return id;
    }

    /** Runs {@code run} from the uploaded jar {@code jarId}; returns the job id. */
    public String run(String jarId, Run run) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("entryClass", run.entryClass());
        ArrayNode arguments = body.putArray("programArgsList");
        run.arguments().forEach(arguments::add);
        if (run.parallelism() > 0) {
            body.put("parallelism", run.parallelism());
        }
        run.savepoint()
                .ifPresent(
                        path -> {
                            body.put("savepointPath", path);
                            body.put("allowNonRestoredState", false);
                        });
        String jobId =
                postJson("/jars/" + jarId + "/run", body, Duration.ofMinutes(2))
                        .path("jobid")
                        .asText();
        if (jobId.isEmpty()) {
            throw new IOException("POST /jars/" + jarId + "/run answered without a job id");
        }
        return jobId;
    }

    /**
     * Stops {@code jobId} with a savepoint into {@code targetDirectory} (the cluster's default
     * savepoint folder when {@code null}) and waits for it; returns the savepoint's location.
     */
    public String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout)
            throws IOException, InterruptedException {
        return stopWithSavepoint(jobId, targetDirectory, false, timeout);
    }

    /**
     * Like {@link #stopWithSavepoint(String, String, Duration)}; with {@code drain} the sources
     * first send the end of event time, so every pending window and timer fires before the job ends
     * (for a job that will not be resumed).
     */
    public String stopWithSavepoint(
            String jobId, String targetDirectory, boolean drain, Duration timeout)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        if (targetDirectory != null) {
            body.put("targetDirectory", targetDirectory);
        }
        body.put("drain", drain);
        String trigger =
                postJson("/jobs/" + jobId + "/stop", body, Duration.ofSeconds(30))
                        .path("request-id")
                        .asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = probe.get("/jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new IOException(
                            "Stop-with-savepoint of "
                                    + jobId
                                    + " failed: "
                                    + operation.path("failure-cause").path("stack-trace").asText());
                }
                String location = operation.path("location").asText();
                LOG.info("Stopped {} with savepoint {}", jobId, location);
                return location;
            }
            Thread.sleep(500);
        }
        throw new IOException("Stop-with-savepoint of " + jobId + " not done within " + timeout);
    }

    /** The id of the running job called {@code jobName}, if there is one. */
    public Optional<String> runningJob(String jobName) throws IOException, InterruptedException {
        return probe.jobs().stream()
                .filter(job -> jobName.equals(job.name()) && "RUNNING".equals(job.state()))
                .map(FlinkRestProbe.Job::id)
                .findFirst();
    }

    /** Cancels {@code jobId} without a savepoint. */
    public void cancel(String jobId) throws IOException, InterruptedException {
        send(
                HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel"))
                        .timeout(Duration.ofSeconds(30))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build(),
                "PATCH /jobs/:id?mode=cancel");
    }

    /**
     * Waits until {@code jobId} and every one of its tasks run (a job just submitted still deploys
     * its tasks, and a savepoint is refused until they all run).
     */
    public void awaitRunning(String jobId, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode job = probe.get("/jobs/" + jobId);
            boolean running = "RUNNING".equals(job.path("state").asText());
            for (JsonNode vertex : job.path("vertices")) {
                running &= "RUNNING".equals(vertex.path("status").asText());
            }
            if (running) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(
                        "Job "
                                + jobId
                                + " ("
                                + job.path("state").asText()
                                + ") not fully running within "
                                + timeout);
            }
            Thread.sleep(500);
        }
    }

    /** The job's state ({@code RUNNING}, {@code FINISHED}, ...). */
    public String state(String jobId) throws IOException, InterruptedException {
        return probe.get("/jobs/" + jobId).path("state").asText();
    }

    private JsonNode postJson(String path, JsonNode body, Duration timeout)
            throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                "POST " + path);
    }

    private JsonNode send(HttpRequest request, String what)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(
                    what + " -> HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
