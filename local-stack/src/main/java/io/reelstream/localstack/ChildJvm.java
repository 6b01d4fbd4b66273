package io.reelstream.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Java main class running in a child JVM with its own classpath and its output in a log file.
 * The child dies with its parent: a shutdown hook stops it on a normal exit, and a tiny {@code sh}
 * watchdog terminates it when the parent disappears without running hooks (SIGKILL).
 */
final class ChildJvm {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);

    /**
     * $1 = parent pid, $2 = child pid: SIGTERM the child once the parent is gone, SIGKILL later.
     */
    private static final String WATCHDOG_SCRIPT =
            "while kill -0 \"$1\" 2>/dev/null && kill -0 \"$2\" 2>/dev/null; do sleep 1; done; "
                    + "if kill -0 \"$2\" 2>/dev/null; then kill -TERM \"$2\"; sleep 30; "
                    + "kill -KILL \"$2\" 2>/dev/null; fi";

    private final String name;
    private final List<String> command;
    private final Path workDir;
    private final Path logFile;

    private Process process;
    private Thread shutdownHook;

    ChildJvm(
            String name,
            RuntimeClasspath classpath,
            List<String> jvmOptions,
            String mainClass,
            List<String> arguments,
            Path workDir,
            Path logFile) {
        this.name = name;
        this.command = command(classpath, jvmOptions, mainClass, arguments);
        this.workDir = workDir;
        this.logFile = logFile;
    }

    static List<String> command(
            RuntimeClasspath classpath,
            List<String> jvmOptions,
            String mainClass,
            List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath.asArgument());
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    /** Starts the child unless it runs already; output is appended to the log file. */
    synchronized void start() {
        if (isAlive()) {
            return;
        }
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            process =
                    new ProcessBuilder(command)
                            .directory(workDir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(Redirect.appendTo(logFile.toFile()))
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
        LOG.debug("Started {} (pid {}), log {}", name, process.pid(), logFile);
        startWatchdog(process.pid());
        shutdownHook = new Thread(this::stopOnShutdown, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Runs the child to completion (e.g. a tool) and returns its exit code. */
    int runToCompletion(Duration timeout) {
        start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(Duration.ofSeconds(5));
                throw new IllegalStateException(name + " did not finish within " + timeout);
            }
            int exitCode = process.exitValue();
            removeShutdownHook();
            return exitCode;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(Duration.ofSeconds(5));
            throw new IllegalStateException("Interrupted while running " + name, e);
        }
    }

    String name() {
        return name;
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** "running (pid n)", "exited with code n" or "stopped", to explain a failure. */
    synchronized String status() {
        if (process == null) {
            return name + " stopped";
        }
        if (process.isAlive()) {
            return name + " running (pid " + process.pid() + ")";
        }
        return name + " exited with code " + process.exitValue();
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL. Returns true if it stopped gracefully. */
    synchronized boolean stop(Duration grace) {
        if (process == null) {
            return true;
        }
        boolean graceful = terminate(process, grace);
        process = null;
        removeShutdownHook();
        return graceful;
    }

    /**
     * SIGKILL, as a crashed machine or the kernel's OOM killer would end it; waits for the exit.
     */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        removeShutdownHook();
    }

    private boolean terminate(Process running, Duration grace) {
        if (!running.isAlive()) {
            return true;
        }
        running.destroy();
        try {
            if (running.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            LOG.warn("{} (pid {}) ignored SIGTERM for {}; killing it", name, running.pid(), grace);
            running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
        }
        return false;
    }

    private void stopOnShutdown() {
        Process running;
        synchronized (this) {
            running = process;
        }
        if (running != null) {
            terminate(running, Duration.ofSeconds(20));
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook is running or about to run; nothing to remove.
        }
        shutdownHook = null;
    }

    private void startWatchdog(long childPid) {
        long parentPid = ProcessHandle.current().pid();
        try {
            new ProcessBuilder(
                            "/bin/sh",
                            "-c",
                            WATCHDOG_SCRIPT,
                            "reelstream-watchdog",
                            Long.toString(parentPid),
                            Long.toString(childPid))
                    .redirectOutput(Redirect.DISCARD)
                    .redirectError(Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            LOG.warn("No watchdog for {}: it may outlive a killed parent ({})", name, e.toString());
        }
    }

    /** The last lines of the log file, to explain a failed start. */
    String logTail(int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "(no log)";
            }
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    Path logFile() {
        return logFile;
    }

    /**
     * A start-up wait for this child: each {@link Readiness#until} polls its probe until it answers
     * {@code true}, failing at once (with the log tail) if the child exits, and stopping the child
     * if {@code timeout}, shared by all the waits, passes.
     *
     * @param what the service's name in messages
     * @param serviceLog the log to point at in messages
     */
    Readiness readiness(String what, Path serviceLog, Duration timeout) {
        return new Readiness(what, serviceLog, timeout);
    }

    /** A readiness check: {@code true} when ready; an exception means "not yet". */
    @FunctionalInterface
    interface Probe {
        boolean ready() throws Exception;
    }

    /** See {@link #readiness}. */
    final class Readiness {
        private final String what;
        private final Path serviceLog;
        private final Duration timeout;
        private final long deadline;

        private Readiness(String what, Path serviceLog, Duration timeout) {
            this.what = what;
            this.serviceLog = serviceLog;
            this.timeout = timeout;
            this.deadline = System.nanoTime() + timeout.toNanos();
        }

        /** Polls {@code probe} every {@code pollMillis} until it is ready. */
        void until(long pollMillis, Probe probe) {
            while (true) {
                checkAlive();
                try {
                    if (probe.ready()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for " + what, e);
                } catch (Exception notYet) {
                    LOG.trace("{} not ready yet: {}", what, notYet.toString());
                }
                sleep(pollMillis);
            }
        }

        private void checkAlive() {
            if (!isAlive()) {
                throw new IllegalStateException(
                        what + " exited during start-up; see " + serviceLog + "\n" + logTail(40));
            }
            if (System.nanoTime() > deadline) {
                stop(Duration.ofSeconds(10));
                throw new IllegalStateException(
                        what + " not ready within " + timeout + "; see " + serviceLog);
            }
        }

        private void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
    }
}
