package io.reelstream.cli;

import io.reelstream.engine.ChangelogTimerGuard;
import io.reelstream.engine.FlinkJobDeployer;

import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend.PriorityQueueStateType;
import org.apache.flink.state.rocksdb.RocksDBOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code reelstream deploy}: uploads the shaded job jar to a Flink 2.2 cluster's REST endpoint and
 * runs the named jobs from it, as an operator deploys to a session cluster (optionally from a
 * savepoint).
 */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Deploy jobs to a Flink 2.2 cluster through its REST API (/jars/upload, /jars/:id/run).")
public final class DeployCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "JOB",
            description = "session-features, continue-watching, qoe, recommendations")
    List<String> jobs;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallelism of each job (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--from-savepoint",
            description = "Restore the (single) job from this savepoint or retained checkpoint.")
    String savepoint;

    @Mixin ClusterTarget target;

    @Override
    public Integer call() throws Exception {
        if (savepoint != null && jobs.size() != 1) {
            throw new IllegalArgumentException("--from-savepoint restores exactly one job");
        }
        PrintWriter out = spec.commandLine().getOut();
        URI url = target.restUrl();
        Optional<String> refusal = savepoint == null ? Optional.empty() : timerStoreRefusal();
        if (refusal.isEmpty()) {
            refusal = ChangelogTimerGuard.refusal(target.jobSettings());
        }
        if (refusal.isPresent()) {
            spec.commandLine().getErr().println(refusal.get());
            spec.commandLine().getErr().flush();
            return 1;
        }
        FlinkJobDeployer deployer = new FlinkJobDeployer(url);
        String jarId = deployer.upload(target.jobJar());
        for (String name : jobs) {
            String jobId =
                    target.deploy(
                            deployer,
                            jarId,
                            ClusterTarget.pipeline(name),
                            parallelism,
                            Optional.ofNullable(savepoint));
            out.printf(
                    "Deployed %s as job %s on %s (parallelism %d%s)%n",
                    name, jobId, url, parallelism, savepoint == null ? "" : ", from " + savepoint);
        }
        out.flush();
        return 0;
    }

    /**
     * Why a native snapshot whose timers are in the other store than the job's is refused: Flink
     * would restore it without them. A snapshot this machine cannot read is restored unchecked.
     */
    private Optional<String> timerStoreRefusal() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        SnapshotTimerStore snapshot;
        try {
            snapshot = SnapshotTimerStore.read(savepoint);
        } catch (IOException e) {
            err.printf("Not checking the timer store of %s, unreadable here: %s%n", savepoint, e);
            return Optional.empty();
        }
        PriorityQueueStateType jobStore = target.timerStore();
        if (!snapshot.losesTimersIn(jobStore)) {
            return Optional.empty();
        }
        if (snapshot == SnapshotTimerStore.NATIVE_SAVEPOINT_NO_TIMERS) {
            return Optional.of(
                    String.format(
                            "Refusing %s: a native savepoint without timers. Flink 2.2.1 leaves"
                                    + " heap timers out of native savepoints, so its jobs' timers"
                                    + " are gone: take a canonical savepoint (./reelstream stop %s"
                                    + " --savepoint) and deploy from that.",
                            savepoint, jobs.get(0)));
        }
        String key = RocksDBOptions.TIMER_SERVICE_FACTORY.key();
        String old = jobStore == PriorityQueueStateType.HEAP ? "ROCKSDB" : "HEAP";
        return Optional.of(
                String.format(
                        "Refusing %s: a native snapshot with its timers in %s, but %s=%s here, and"
                                + " Flink would restore it without its timers. Restore it with the"
                                + " old setting (--set %s=%s), take a canonical savepoint"
                                + " (./reelstream stop %s --savepoint), and deploy from that.",
                        savepoint, old, key, jobStore, key, old, jobs.get(0)));
    }
}
