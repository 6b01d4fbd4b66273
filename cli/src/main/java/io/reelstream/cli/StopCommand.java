package io.reelstream.cli;

import io.reelstream.engine.FlinkJobDeployer;
import io.reelstream.pipelines.PipelineDefinition;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code reelstream stop}: stops a running job on a Flink cluster, with a savepoint (the way to
 * upgrade or move it) or without.
 */
@Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Stop a job on a Flink cluster, with --savepoint: stop-with-savepoint (/jobs/:id/stop).")
public final class StopCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "JOB", description = "The job's short name, e.g. session-features.")
    String job;

    @Option(
            names = "--savepoint",
            description = "Take a savepoint as the job stops (and print it).")
    boolean savepoint;

    @Option(
            names = "--savepoint-dir",
            description = "Where the savepoint goes (default: the cluster's savepoint folder).")
    String savepointDir;

    @Option(
            names = "--timeout",
            defaultValue = "10m",
            converter = io.reelstream.engine.DurationConverter.class,
            description = "How long the savepoint may take (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin ClusterTarget target;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PipelineDefinition pipeline = ClusterTarget.pipeline(job);
        FlinkJobDeployer deployer = new FlinkJobDeployer(target.restUrl());
        String jobId = ClusterTarget.runningJob(deployer, pipeline);
        if (savepoint) {
            String location = deployer.stopWithSavepoint(jobId, savepointDir, timeout);
            out.printf("Stopped %s (%s) with savepoint %s%n", job, jobId, location);
        } else {
            deployer.cancel(jobId);
            out.printf("Cancelled %s (%s) without a savepoint%n", job, jobId);
        }
        out.flush();
        return 0;
    }
}
