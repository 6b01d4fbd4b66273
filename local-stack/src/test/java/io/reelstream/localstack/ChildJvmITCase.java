package io.reelstream.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Real child processes: graceful stop, exit codes, and no orphan when the parent is killed. */
class ChildJvmITCase {

    @TempDir Path dir;

    @Test
    void shouldStopChildWithSigtermAndKeepItsOutputInTheLog() throws Exception {
        ChildJvm child = sleeper(dir.resolve("sleeper.log"));

        child.start();
        long pid = child.pid();
        awaitLogLine(dir.resolve("sleeper.log"), SleepingMain.READY);
        boolean graceful = child.stop(Duration.ofSeconds(20));

        assertThat(graceful).isTrue();
        assertThat(child.isAlive()).isFalse();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(Files.readString(dir.resolve("sleeper.log"))).contains(SleepingMain.READY);
    }

    @Test
    void shouldReportExitCodeOfTools() {
        ChildJvm tool =
                new ChildJvm(
                        "exiting",
                        testClasses(),
                        List.of("-Xmx32m"),
                        ExitingMain.class.getName(),
                        List.of("3"),
                        dir,
                        dir.resolve("exiting.log"));

        assertThat(tool.runToCompletion(Duration.ofSeconds(60))).isEqualTo(3);
    }

    @Test
    void shouldTerminateChildWhenParentIsKilled() throws Exception {
        Process parent =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx64m",
                                "-cp",
                                System.getProperty("java.class.path"),
                                ParentMain.class.getName(),
                                dir.toString())
                        .redirectErrorStream(true)
                        .start();
        long childPid;
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            childPid = readChildPid(out);
            Optional<ProcessHandle> child = ProcessHandle.of(childPid);
            assertThat(child.map(ProcessHandle::isAlive)).contains(true);

            parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            awaitDeath(childPid, Duration.ofSeconds(30));
        }
        assertThat(ProcessHandle.of(childPid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    private static long readChildPid(BufferedReader out) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(ParentMain.CHILD_PID)) {
                return Long.parseLong(line.substring(ParentMain.CHILD_PID.length()).trim());
            }
        }
        throw new AssertionError("Parent ended without reporting its child");
    }

    private static void awaitDeath(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private static void awaitLogLine(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No '" + text + "' in " + log);
    }

    private ChildJvm sleeper(Path log) {
        return new ChildJvm(
                "sleeper",
                testClasses(),
                List.of("-Xmx32m"),
                SleepingMain.class.getName(),
                List.of(),
                dir,
                log);
    }

    static RuntimeClasspath testClasses() {
        return RuntimeClasspath.parse(
                Path.of(
                                ChildJvmITCase.class
                                        .getProtectionDomain()
                                        .getCodeSource()
                                        .getLocation()
                                        .getPath())
                        .toString());
    }

    /** A child that prints a line and sleeps until terminated. */
    public static final class SleepingMain {
        static final String READY = "sleeper ready";

        public static void main(String[] args) throws InterruptedException {
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** A tool that exits with the code given as its argument. */
    public static final class ExitingMain {
        public static void main(String[] args) {
            System.exit(Integer.parseInt(args[0]));
        }
    }

    /** A parent that starts a sleeping child, prints its pid and waits to be killed. */
    public static final class ParentMain {
        static final String CHILD_PID = "child-pid=";

        public static void main(String[] args) throws InterruptedException {
            Path dir = Path.of(args[0]);
            ChildJvm child =
                    new ChildJvm(
                            "orphan-candidate",
                            testClasses(),
                            List.of("-Xmx32m"),
                            SleepingMain.class.getName(),
                            List.of(),
                            dir,
                            dir.resolve("orphan.log"));
            child.start();
            System.out.println(CHILD_PID + child.pid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
