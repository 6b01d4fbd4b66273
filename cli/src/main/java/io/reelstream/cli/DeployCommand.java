package io.reelstream.cli;

import io.reelstream.engine.FlinkJobDeployer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
}
