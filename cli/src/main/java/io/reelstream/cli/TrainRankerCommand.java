package io.reelstream.cli;

import io.reelstream.schemas.TopicNames;
import io.reelstream.training.RankerModelPublisher;
import io.reelstream.training.RankerTraining;
import io.reelstream.training.RankerTrainingParams;
import io.reelstream.training.RankingMetrics;
import io.reelstream.training.TrainingLogReader;
import io.reelstream.udfs.ranker.RankingExamples;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code reelstream train ranker}: trains the recommendations ranker (GBDT, XGBoost LambdaMART)
 * from the training log the recommendations job writes, with a time-based validation split, and
 * writes the model as a versioned XGBoost JSON file the job can load.
 */
@Command(
        name = "ranker",
        mixinStandardHelpOptions = true,
        description = {
            "Trains the ranker from the training log (Parquet under dt= partitions).",
            "The newest --validation-share of decisions validates; prints NDCG@10 and recall@10 on"
                    + " both parts and writes <out>/<version>.json. Deterministic for a seed.",
            "With --publish, the model also goes to the model topic, where the running"
                    + " recommendations job swaps to it without a restart."
        })
public final class TrainRankerCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--log", description = "Directory of the training log.")
    Path log;

    @Option(
            names = "--model",
            description =
                    "Publish this model file (<out>/<version>.json) instead of training one, e.g."
                            + " to roll back; needs --publish.")
    Path model;

    @Option(
            names = "--out",
            defaultValue = "models",
            description = "Directory the model is written to. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(
            names = "--validation-share",
            defaultValue = "0.2",
            description = "Newest share of decisions held out. Default: ${DEFAULT-VALUE}.")
    double validationShare;

    @Option(names = "--seed", defaultValue = "7", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--objective",
            defaultValue = "rank:ndcg",
            description = "rank:ndcg, rank:pairwise or binary:logistic. Default: ${DEFAULT-VALUE}.")
    String objective;

    @Option(names = "--rounds", defaultValue = "100", description = "Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(
            names = "--max-depth",
            defaultValue = "" + RankerTrainingParams.DEFAULT_MAX_DEPTH,
            description = "Default: ${DEFAULT-VALUE}.")
    int maxDepth;

    @Option(names = "--eta", defaultValue = "0.1", description = "Default: ${DEFAULT-VALUE}.")
    double eta;

    @Option(
            names = "--publish",
            description = "Publish the model to the recommendations job's model topic.")
    boolean publish;

    @Option(
            names = "--bootstrap-servers",
            description = "Kafka to publish to (default: the running local stack's).")
    String bootstrapServers;

    @Option(
            names = "--topic",
            defaultValue = TopicNames.RANKER_MODELS,
            description = "Model topic. Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(
            names = "--data-dir",
            description = "Data folder of the local stack (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:reelstream.root:-.}/.reelstream")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        if (model != null) {
            if (!publish || log != null) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--model needs --publish and no --log");
            }
            String name = model.getFileName().toString();
            publish(w, name.replaceFirst("\\.json$", ""), Files.readAllBytes(model));
            w.flush();
            return 0;
        }
        if (log == null) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "give --log DIR to train, or --model FILE --publish");
        }
        List<TrainingLogReader.Decision> decisions = TrainingLogReader.decisions(log);
        RankingExamples examples = TrainingLogReader.examples(decisions);
        w.printf(
                Locale.ROOT,
                "read %d decisions (%d candidate rows) from %d files under %s%n",
                examples.groups(),
                examples.rows(),
                TrainingLogReader.files(log).size(),
                log);
        RankerTrainingParams defaults = RankerTrainingParams.defaults();
        RankerTrainingParams params =
                new RankerTrainingParams(
                        objective,
                        rounds,
                        maxDepth,
                        eta,
                        defaults.minChildWeight(),
                        defaults.subsample(),
                        seed);
        RankerTraining.Result result = RankerTraining.run(examples, params, validationShare, 10);
        w.printf(
                Locale.ROOT,
                "time split at %s: %d training decisions with a positive, %d validation decisions%n",
                result.splitAt() == Long.MAX_VALUE
                        ? "(none)"
                        : Instant.ofEpochMilli(result.splitAt()).toString(),
                result.trainGroups(),
                result.validationGroups());
        print(w, "train", result.train());
        print(w, "validation", result.validation());
        Files.createDirectories(out);
        Path file = out.resolve(result.version() + ".json");
        Files.write(file, result.modelJson());
        w.printf(Locale.ROOT, "model_version=%s written to %s%n", result.version(), file);
        if (publish) {
            publish(w, result.version(), result.modelJson());
        }
        w.flush();
        return 0;
    }

    private void publish(PrintWriter w, String version, byte[] json) throws Exception {
        String kafka =
                bootstrapServers != null
                        ? bootstrapServers
                        : StackInfo.read(dataDir).kafkaBootstrap();
        var sent =
                RankerModelPublisher.publish(
                        kafka,
                        topic,
                        RankerModelPublisher.update(version, json, System.currentTimeMillis()));
        w.printf(
                Locale.ROOT,
                "published %s to %s (partition %d, offset %d)%n",
                version,
                topic,
                sent.partition(),
                sent.offset());
    }

    private static void print(PrintWriter w, String part, RankingMetrics m) {
        w.printf(
                Locale.ROOT,
                "%-10s ndcg@10=%.4f recall@10=%.4f over %d decisions with a positive%n",
                part,
                m.ndcg(),
                m.recall(),
                m.groups());
    }
}
