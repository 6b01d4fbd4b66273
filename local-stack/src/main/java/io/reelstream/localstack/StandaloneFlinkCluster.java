package io.reelstream.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A standalone Flink 2.2 session cluster of separate processes, started from Maven artifacts the
 * way a distribution's scripts start it: one JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and N TaskManagers ({@code TaskManagerRunner}), each a child
 * JVM whose memory flags come from Flink's own {@code BashJavaUtils}, sharing one configuration
 * folder ({@link FlinkClusterConfig}) and one folder for checkpoints and savepoints. Jobs reach it
 * only through its REST endpoint, as on any cluster.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneFlinkCluster.class);

    private static final String JOB_MANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER_MAIN =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String BASH_JAVA_UTILS =
            "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String EXEC_RESULT = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final String PROMETHEUS_PORT = "metrics.reporter.prom.port";

    /** How long every TaskManager must stay up and registered before supervision ends. */
    private static final long SUPERVISED_STEADY_NANOS = Duration.ofSeconds(5).toNanos();

    private final Builder settings;
    private final Path workDir;
    private final Path confDir;
    private final RuntimeClasspath classpath;
    private final int restPort;
    private final List<String> javaOptions;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ChildJvm jobManager;
    private final List<ChildJvm> taskManagers = new ArrayList<>();

    private StandaloneFlinkCluster(Builder builder) {
        this.settings = builder;
        this.workDir = builder.workDir.toAbsolutePath();
        this.confDir = workDir.resolve("conf");
        this.classpath = builder.classpath != null ? builder.classpath : RuntimeClasspath.flink();
        this.restPort = FreePort.resolve(builder.restPort);
        FlinkClusterConfig config =
                FlinkClusterConfig.read(builder.clusterConf.resolve("config.yaml"))
                        .local(
                                workDir,
                                restPort,
                                FreePort.pick(),
                                FreePort.pick(),
                                builder.jobManagerMemory,
                                builder.taskManagerMemory,
                                builder.slots);
        config.writeTo(confDir.resolve("config.yaml"));
        this.javaOptions = javaOptions(config.get("env.java.opts.all"));
        copyLog4j(builder.clusterConf);
        for (int i = 0; i < builder.taskManagers; i++) {
            taskManagers.add(null);
        }
    }

    /**
     * A cluster under {@code workDir} with the configuration folder {@code clusterConf} (its {@code
     * config.yaml} and {@code log4j-console.properties}), 2 TaskManagers, any free REST port.
     */
    public static Builder builder(Path workDir, Path clusterConf) {
        return new Builder(workDir, clusterConf);
    }

    /** Starts the JobManager, then every TaskManager, and waits until all have registered. */
    public synchronized void start() {
        jobManager = process("jobmanager", JOB_MANAGER_MAIN, "GET_JM_RESOURCE_PARAMS");
        jobManager.start();
        for (int i = 0; i < taskManagers.size(); i++) {
            startTaskManager(i);
        }
        awaitTaskManagers(taskManagers.size());
        LOG.info(
                "Flink cluster ready: JobManager and {} TaskManagers, dashboard {}",
                taskManagers.size(),
                restUrl());
    }

    /** (Re)starts TaskManager {@code index} (0-based) after a {@link #killTaskManager}. */
    public synchronized void startTaskManager(int index) {
        ChildJvm running = taskManagers.get(index);
        if (running != null && running.isAlive()) {
            return;
        }
        ChildJvm taskManager =
                process(
                        "taskmanager-" + (index + 1),
                        TASK_MANAGER_MAIN,
                        "GET_TM_RESOURCE_PARAMS",
                        "-D",
                        "taskmanager.resource-id=tm-" + (index + 1),
                        "-D",
                        "state.backend.rocksdb.localdir="
                                + workDir.resolve("rocksdb").resolve("tm-" + (index + 1)));
        taskManagers.set(index, taskManager);
        taskManager.start();
    }

    /** SIGKILL of TaskManager {@code index}: no shutdown, its slots and state are gone at once. */
    public synchronized void killTaskManager(int index) {
        ChildJvm taskManager = taskManagers.get(index);
        if (taskManager != null) {
            LOG.info("Killing taskmanager-{} (pid {}) with SIGKILL", index + 1, taskManager.pid());
            taskManager.kill();
        }
    }

    /** Waits until {@code count} TaskManagers are registered with the JobManager. */
    public void awaitTaskManagers(int count) {
        jobManager
                .readiness("Flink JobManager", jobManager.logFile(), settings.startTimeout)
                .until(500, () -> overview().path("taskmanagers").asInt(-1) == count);
    }

    /**
     * Waits until {@code count} TaskManagers are registered (and stay so for 5 s), restarting every
     * TaskManager whose process exited meanwhile, as a process supervisor (Kubernetes, systemd)
     * would. After a TaskManager is killed, a survivor reading from it may end itself: Flink 2.2
     * treats an error while a failed task releases its network buffers ("Lost connection to task
     * manager") as fatal to the whole TaskManager. Returns the names of the TaskManagers restarted.
     */
    public List<String> superviseUntilRegistered(int count) {
        List<String> restarted = new ArrayList<>();
        long[] steadySince = {Long.MAX_VALUE};
        jobManager
                .readiness("Flink JobManager", jobManager.logFile(), settings.startTimeout)
                .until(
                        500,
                        () -> {
                            List<String> now = restartExitedTaskManagers();
                            restarted.addAll(now);
                            if (!now.isEmpty()
                                    || overview().path("taskmanagers").asInt(-1) != count) {
                                steadySince[0] = Long.MAX_VALUE;
                                return false;
                            }
                            steadySince[0] = Math.min(steadySince[0], System.nanoTime());
                            return System.nanoTime() - steadySince[0] >= SUPERVISED_STEADY_NANOS;
                        });
        return restarted;
    }

    private synchronized List<String> restartExitedTaskManagers() {
        List<String> restarted = new ArrayList<>();
        for (int i = 0; i < taskManagers.size(); i++) {
            ChildJvm taskManager = taskManagers.get(i);
            if (taskManager != null && !taskManager.isAlive()) {
                LOG.warn("Restarting a TaskManager that is not running: {}", taskManager.status());
                restarted.add(taskManager.name());
                startTaskManager(i);
            }
        }
        return restarted;
    }

    /** The REST endpoint (dashboard, job submission). */
    public URI restUrl() {
        return URI.create("http://127.0.0.1:" + restPort);
    }

    public int taskManagerCount() {
        return taskManagers.size();
    }

    /** Process ids of the TaskManagers, in order (-1 when one is not running). */
    public synchronized List<Long> taskManagerPids() {
        return taskManagers.stream().map(t -> t == null ? -1L : t.pid()).toList();
    }

    public synchronized long jobManagerPid() {
        return jobManager == null ? -1 : jobManager.pid();
    }

    /** Whether each process runs or how it ended, e.g. for a failed test's message. */
    public synchronized String processStatus() {
        List<String> status = new ArrayList<>();
        status.add(jobManager == null ? "jobmanager stopped" : jobManager.status());
        for (int i = 0; i < taskManagers.size(); i++) {
            ChildJvm taskManager = taskManagers.get(i);
            status.add(
                    taskManager == null
                            ? "taskmanager-" + (i + 1) + " stopped"
                            : taskManager.status());
        }
        return String.join(", ", status);
    }

    /** The last {@code lines} lines of the JobManager's output, to explain a failure. */
    public synchronized String jobManagerLogTail(int lines) {
        return jobManager == null ? "(no jobmanager)" : jobManager.logTail(lines);
    }

    /** Checkpoints and savepoints of every job go under here. */
    public Path savepointDir() {
        return workDir.resolve("savepoints");
    }

    public Path logDir() {
        return workDir.resolve("log");
    }

    /** Stops the TaskManagers, then the JobManager (SIGTERM, then SIGKILL after a grace). */
    @Override
    public synchronized void close() {
        for (ChildJvm taskManager : taskManagers) {
            if (taskManager != null) {
                taskManager.stop(Duration.ofSeconds(30));
            }
        }
        if (jobManager != null) {
            jobManager.stop(Duration.ofSeconds(30));
            jobManager = null;
        }
    }

    private JsonNode overview() throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(restUrl().resolve("/overview"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /overview: HTTP " + response.statusCode());
        }
        return new ObjectMapper().readTree(response.body());
    }

    /**
     * A JobManager or TaskManager process as {@code jobmanager.sh} / {@code taskmanager.sh} would
     * start it: JVM memory flags and dynamic memory settings from {@code BashJavaUtils}, its own
     * log file and Prometheus port.
     */
    private ChildJvm process(
            String name, String mainClass, String resourceCommand, String... dynamic) {
        List<String> dynamicArgs = new ArrayList<>(Arrays.asList(dynamic));
        dynamicArgs.add("-D");
        dynamicArgs.add(PROMETHEUS_PORT + "=" + FreePort.pick());
        List<String> memory = resourceParameters(name, resourceCommand, dynamicArgs);
        List<String> jvmOptions = new ArrayList<>(javaOptions);
        jvmOptions.addAll(Arrays.asList(memory.get(0).trim().split("\\s+")));
        jvmOptions.add("-XX:+UseG1GC");
        jvmOptions.add("-Dlog.file=" + logDir().resolve(name + ".log"));
        jvmOptions.add(
                "-Dlog4j.configurationFile=" + confDir.resolve("log4j-console.properties").toUri());
        jvmOptions.add("-Dlog4j2.shutdownHookEnabled=false");
        List<String> arguments = new ArrayList<>(List.of("--configDir", confDir.toString()));
        arguments.addAll(dynamicArgs);
        if (memory.size() > 1 && !memory.get(1).isBlank()) {
            arguments.addAll(Arrays.asList(memory.get(1).trim().split("\\s+")));
        }
        return new ChildJvm(
                name,
                classpath,
                jvmOptions,
                mainClass,
                arguments,
                workDir,
                logDir().resolve(name + ".out"));
    }

    /** Runs {@code BashJavaUtils}: line 1 the JVM flags, line 2 the dynamic memory settings. */
    private List<String> resourceParameters(String name, String command, List<String> dynamic) {
        Path output = logDir().resolve(name + "-resources.out");
        try {
            Files.deleteIfExists(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> arguments =
                new ArrayList<>(List.of(command, "--configDir", confDir.toString()));
        arguments.addAll(dynamic);
        ChildJvm utils =
                new ChildJvm(
                        name + "-resources",
                        classpath,
                        List.of("-Xmx128m"),
                        BASH_JAVA_UTILS,
                        arguments,
                        workDir,
                        output);
        int exit = utils.runToCompletion(Duration.ofSeconds(60));
        try {
            List<String> results =
                    Files.readAllLines(output, StandardCharsets.UTF_8).stream()
                            .filter(l -> l.startsWith(EXEC_RESULT))
                            .map(l -> l.substring(EXEC_RESULT.length()))
                            .toList();
            if (exit != 0 || results.isEmpty()) {
                throw new IllegalStateException(
                        "BashJavaUtils "
                                + command
                                + " failed (exit "
                                + exit
                                + "):\n"
                                + utils.logTail(30));
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + output, e);
        }
    }

    private static List<String> javaOptions(String configured) {
        List<String> options = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            options.addAll(Arrays.asList(configured.trim().split("\\s+")));
        }
        return options;
    }

    private void copyLog4j(Path clusterConf) {
        Path source = clusterConf.resolve("log4j-console.properties");
        Path target = confDir.resolve("log4j-console.properties");
        try {
            Files.createDirectories(logDir());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + source + " to " + target, e);
        }
    }

    /** Settings of a {@link StandaloneFlinkCluster}. */
    public static final class Builder {
        private final Path workDir;
        private final Path clusterConf;
        private int taskManagers = 2;
        private int slots;
        private int restPort;
        private String jobManagerMemory = "1g";
        private String taskManagerMemory = "2600m";
        private Duration startTimeout = Duration.ofMinutes(2);
        private RuntimeClasspath classpath;

        private Builder(Path workDir, Path clusterConf) {
            this.workDir = Objects.requireNonNull(workDir);
            this.clusterConf = Objects.requireNonNull(clusterConf);
        }

        public Builder taskManagers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("At least one TaskManager: " + count);
            }
            this.taskManagers = count;
            return this;
        }

        /** Task slots per TaskManager; 0 (default) keeps the configuration's. */
        public Builder slotsPerTaskManager(int slots) {
            this.slots = slots;
            return this;
        }

        /** REST / dashboard port; 0 (default) picks a free one. */
        public Builder restPort(int port) {
            this.restPort = port;
            return this;
        }

        /** {@code taskmanager.memory.process.size} of each TaskManager (default 2600m). */
        public Builder taskManagerMemory(String size) {
            this.taskManagerMemory = size;
            return this;
        }

        /** {@code jobmanager.memory.process.size} (default 1g). */
        public Builder jobManagerMemory(String size) {
            this.jobManagerMemory = size;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public Builder classpath(RuntimeClasspath classpath) {
            this.classpath = classpath;
            return this;
        }

        public StandaloneFlinkCluster build() {
            return new StandaloneFlinkCluster(this);
        }
    }
}
