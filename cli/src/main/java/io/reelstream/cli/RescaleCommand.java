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
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code reelstream rescale}: changes a running job's parallelism the way that keeps every kind of
 * state: stop-with-savepoint, then the same job from that savepoint at the new parallelism (keyed
 * state is redistributed by key group, union and broadcast state by Flink's rules).
 */
@Command(
        name = "rescale",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Rescale a job on a Flink cluster: stop-with-savepoint, then redeploy at --parallelism.")
public final class RescaleCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "JOB", description = "The job's short name, e.g. session-features.")
    String job;

    @Option(names = "--parallelism", required = true, description = "The new parallelism.")
    int parallelism;

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
        String running = ClusterTarget.runningJob(deployer, pipeline);
        String savepoint = deployer.stopWithSavepoint(running, null, timeout);
        out.printf("Stopped %s (%s) with savepoint %s%n", job, running, savepoint);
        String jarId = deployer.upload(target.jobJar());
        String jobId =
                target.deploy(deployer, jarId, pipeline, parallelism, Optional.of(savepoint));
        out.printf(
                "Redeployed %s as job %s at parallelism %d from %s%n",
                job, jobId, parallelism, savepoint);
        out.flush();
        return 0;
    }
}
