package io.reelstream.training;

import io.reelstream.udfs.ranker.RankerFeatures;
import io.reelstream.udfs.ranker.RankingExamples;
import io.reelstream.udfs.traininglog.TrainingLogSchema;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the training log (Parquet files under {@code dt=} partitions, as the recommendations job
 * writes them) into ranking groups in decision-time order. Finished files only: Flink's in-progress
 * and pending files are hidden (their names start with a dot). Feature columns are matched by name,
 * so a log written with fewer features reads with the missing ones as NaN.
 */
public final class TrainingLogReader {

    /**
     * One decision group as read: its id, member, time, when its labels closed, and per candidate
     * row the show, features and label.
     */
    public record Decision(
            String id,
            String memberId,
            long decidedAt,
            long labelClosedAt,
            List<String> showIds,
            List<float[]> features,
            List<Float> labels) {}

    private TrainingLogReader() {}

    /** Every finished Parquet file under {@code directory}, in path order. */
    public static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .sorted()
                    .toList();
        }
    }

    /** All decisions of the log under {@code directory}, by decision time (then id). */
    public static List<Decision> decisions(Path directory) throws IOException {
        Map<String, Decision> byId = new LinkedHashMap<>();
        for (Path file : files(directory)) {
            read(file, byId);
        }
        List<Decision> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparingLong(Decision::decidedAt).thenComparing(Decision::id));
        return out;
    }

    /** {@code decisions} as training examples (one group each). */
    public static RankingExamples examples(List<Decision> decisions) {
        RankingExamples examples = new RankingExamples(RankerFeatures.COUNT);
        for (Decision d : decisions) {
            examples.beginGroup(d.decidedAt());
            for (int r = 0; r < d.features().size(); r++) {
                examples.add(d.features().get(r), 0, d.labels().get(r));
            }
        }
        return examples;
    }

    private static void read(Path file, Map<String, Decision> byId) throws IOException {
        ParquetReadOptions options =
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            int[] columns = featureColumns(schema);
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records =
                        io.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long r = 0; r < pages.getRowCount(); r++) {
                    add(records.read(), columns, byId);
                }
            }
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot read " + file + ": " + e, e));
        }
    }

    /** For each feature of {@link RankerFeatures#NAMES}, its field index in the file, or -1. */
    private static int[] featureColumns(MessageType schema) {
        int[] columns = new int[RankerFeatures.COUNT];
        for (int f = 0; f < columns.length; f++) {
            String name = TrainingLogSchema.FEATURE_PREFIX + RankerFeatures.NAMES.get(f);
            columns[f] = schema.containsField(name) ? schema.getFieldIndex(name) : -1;
        }
        return columns;
    }

    private static void add(Group row, int[] columns, Map<String, Decision> byId) {
        String id = row.getString("decision_id", 0);
        Decision decision =
                byId.computeIfAbsent(
                        id,
                        k ->
                                new Decision(
                                        k,
                                        row.getString("member_id", 0),
                                        row.getLong("decided_at", 0),
                                        row.getLong("label_closed_at", 0),
                                        new ArrayList<>(),
                                        new ArrayList<>(),
                                        new ArrayList<>()));
        decision.showIds().add(row.getString("show_id", 0));
        float[] features = new float[RankerFeatures.COUNT];
        Arrays.fill(features, Float.NaN);
        for (int f = 0; f < columns.length; f++) {
            if (columns[f] >= 0 && row.getFieldRepetitionCount(columns[f]) > 0) {
                features[f] = row.getFloat(columns[f], 0);
            }
        }
        decision.features().add(features);
        decision.labels().add(row.getFloat("label", 0));
    }
}
