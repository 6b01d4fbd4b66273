package io.reelstream.cli;

import io.reelstream.udfs.ranker.GbdtModel;
import io.reelstream.udfs.ranker.RankerFeatures;
import io.reelstream.udfs.traininglog.TrainingLogFiles;
import io.reelstream.udfs.traininglog.TrainingLogRow;

import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.local.LocalFileSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class TrainRankerCommandTest {

    private static final long HOUR = 3_600_000L;
    private static final long T = 1_780_000_000_000L;

    @TempDir Path dir;

    @Test
    void trainsFromTheLogValidatesOnTheNewestDecisionsAndWritesAVersionedModel() throws Exception {
        Path log = dir.resolve("log");
        writeLog(log, 600);

        String first = run("--log", log.toString(), "--out", dir.resolve("models").toString());
        String second = run("--log", log.toString(), "--out", dir.resolve("again").toString());

        assertThat(first).contains("read 600 decisions (12000 candidate rows) from 3 files");
        Matcher validation =
                Pattern.compile("validation ndcg@10=([0-9.]+) recall@10=([0-9.]+) over (\\d+)")
                        .matcher(first);
        assertThat(validation.find()).as(first).isTrue();
        // One positive among 20 candidates: chance gives NDCG@10 ≈ 0.16, recall@10 = 0.5.
        assertThat(Double.parseDouble(validation.group(1))).isGreaterThan(0.7);
        assertThat(Double.parseDouble(validation.group(2))).isGreaterThan(0.9);
        assertThat(Integer.parseInt(validation.group(3))).isEqualTo(120);
        Matcher version = Pattern.compile("model_version=(gbdt-[0-9a-f]{12})").matcher(first);
        assertThat(version.find()).isTrue();
        assertThat(second).contains("model_version=" + version.group(1));
        Path model = dir.resolve("models").resolve(version.group(1) + ".json");
        GbdtModel loaded = GbdtModel.fromXgboostJson(version.group(1), Files.readAllBytes(model));
        assertThat(loaded.featureNames()).isEqualTo(RankerFeatures.NAMES);
    }

    @Test
    void refusesToRunWithoutALogOrToPublishAModelFileWithoutPublish() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReelstreamCli()).setErr(new PrintWriter(err));
        assertThat(cli.execute("train", "ranker")).isNotZero();
        assertThat(cli.execute("train", "ranker", "--model", "models/gbdt-1.json")).isNotZero();
        assertThat(err.toString()).contains("--log DIR").contains("--model needs --publish");
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        int exit =
                new CommandLine(new ReelstreamCli())
                        .setOut(new PrintWriter(out))
                        .execute(prepend("train", "ranker", args));
        assertThat(exit).as(out.toString()).isZero();
        return out.toString();
    }

    private static String[] prepend(String a, String b, String[] rest) {
        String[] all = new String[rest.length + 2];
        all[0] = a;
        all[1] = b;
        System.arraycopy(rest, 0, all, 2, rest.length);
        return all;
    }

    /**
     * Decisions over three days (three partitions), 20 candidates each; the member starts the
     * candidate with the highest co-visitation score (label 1), completes it if MF also ranks it in
     * its top 5 (label 2).
     */
    private static void writeLog(Path log, int decisions) throws Exception {
        Random random = new Random(4);
        BulkWriter<TrainingLogRow>[] writers = new BulkWriter[3];
        FSDataOutputStream[] streams = new FSDataOutputStream[3];
        for (int day = 0; day < 3; day++) {
            Path file =
                    log.resolve(TrainingLogFiles.partition(T + day * 24 * HOUR))
                            .resolve("training-log-0-" + day + ".parquet");
            Files.createDirectories(file.getParent());
            streams[day] =
                    LocalFileSystem.getSharedInstance()
                            .create(
                                    new org.apache.flink.core.fs.Path(file.toUri()),
                                    FileSystem.WriteMode.NO_OVERWRITE);
            writers[day] = TrainingLogFiles.writerFactory().create(streams[day]);
        }
        for (int d = 0; d < decisions; d++) {
            long at = T + d * (72 * HOUR / decisions);
            float[][] rows = new float[20][RankerFeatures.COUNT];
            int best = 0;
            for (int c = 0; c < 20; c++) {
                Arrays.fill(rows[c], Float.NaN);
                rows[c][RankerFeatures.COVISIT_SCORE] = random.nextFloat();
                rows[c][RankerFeatures.MF_RANK] = 1 + random.nextInt(50);
                rows[c][RankerFeatures.POPULARITY_SHARE] = random.nextFloat();
                if (rows[c][RankerFeatures.COVISIT_SCORE]
                        > rows[best][RankerFeatures.COVISIT_SCORE]) {
                    best = c;
                }
            }
            for (int c = 0; c < 20; c++) {
                float label = c != best ? 0f : rows[c][RankerFeatures.MF_RANK] <= 5 ? 2f : 1f;
                writers[(int) ((at - T) / (24 * HOUR))].addElement(
                        new TrainingLogRow(
                                TrainingLogRow.CURRENT_VERSION,
                                "d" + d,
                                "m" + (d % 37),
                                at,
                                at + 24 * HOUR,
                                "blend",
                                RankerFeatures.VERSION,
                                "s" + random.nextInt(500),
                                1,
                                c + 1,
                                rows[c],
                                label));
            }
        }
        for (int day = 0; day < 3; day++) {
            writers[day].finish();
            streams[day].close();
        }
    }
}
