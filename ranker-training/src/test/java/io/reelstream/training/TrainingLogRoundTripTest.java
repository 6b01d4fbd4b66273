package io.reelstream.training;

import io.reelstream.udfs.ranker.RankerFeatures;
import io.reelstream.udfs.ranker.RankingExamples;
import io.reelstream.udfs.traininglog.TrainingLogFiles;
import io.reelstream.udfs.traininglog.TrainingLogRow;

import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.local.LocalFileSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingLogRoundTripTest {

    private static final long DAY = 86_400_000L;
    private static final long T = 1_780_000_000_000L;

    @TempDir Path dir;

    @Test
    void readsBackWhatTheJobWritesGroupedByDecisionInTimeOrder() throws Exception {
        float[] features = new float[RankerFeatures.COUNT];
        Arrays.fill(features, Float.NaN);
        features[RankerFeatures.MF_SCORE] = 1.5f;
        features[RankerFeatures.COVISIT_RANK] = 3f;
        write(
                TrainingLogFiles.partition(T + DAY) + "/training-log-0-0.parquet",
                List.of(
                        row("late", T + DAY, "s1", features, 2f),
                        row("late", T + DAY, "s2", features, 0f)));
        write(
                TrainingLogFiles.partition(T) + "/training-log-0-0.parquet",
                List.of(row("early", T, "s9", features, 1f)));
        write(
                TrainingLogFiles.partition(T) + "/.training-log-1-0.parquet.inprogress.x",
                List.of(row("hidden", T, "s", features, 1f)));

        List<TrainingLogReader.Decision> decisions = TrainingLogReader.decisions(dir);

        assertThat(decisions)
                .extracting(TrainingLogReader.Decision::id)
                .containsExactly("early", "late");
        assertThat(decisions.get(1).labels()).containsExactly(2f, 0f);
        assertThat(decisions.get(1).showIds()).containsExactly("s1", "s2");
        assertThat(decisions.get(1).decidedAt()).isEqualTo(T + DAY);
        assertThat(decisions.get(1).labelClosedAt()).isEqualTo(T + 2 * DAY);
        assertThat(decisions.get(1).memberId()).isEqualTo("m1");
        float[] read = decisions.get(0).features().get(0);
        assertThat(read[RankerFeatures.MF_SCORE]).isEqualTo(1.5f);
        assertThat(read[RankerFeatures.COVISIT_RANK]).isEqualTo(3f);
        assertThat(read[RankerFeatures.GENRE_AFFINITY]).isNaN();
        RankingExamples examples = TrainingLogReader.examples(decisions);
        assertThat(examples.groups()).isEqualTo(2);
        assertThat(examples.groupSize(1)).isEqualTo(2);
        assertThat(TrainingLogFiles.partition(T)).isEqualTo("dt=2026-05-28");
    }

    private void write(String relative, List<TrainingLogRow> rows) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        FileSystem fs = LocalFileSystem.getSharedInstance();
        try (FSDataOutputStream out =
                fs.create(
                        new org.apache.flink.core.fs.Path(file.toUri()),
                        FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<TrainingLogRow> writer = TrainingLogFiles.writerFactory().create(out);
            for (TrainingLogRow row : rows) {
                writer.addElement(row);
            }
            writer.finish();
        }
    }

    private static TrainingLogRow row(
            String id, long at, String show, float[] features, float label) {
        return new TrainingLogRow(
                TrainingLogRow.CURRENT_VERSION,
                id,
                "m1",
                at,
                at + DAY,
                "v1",
                RankerFeatures.VERSION,
                show,
                1,
                1,
                features,
                label);
    }
}
