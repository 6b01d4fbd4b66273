package io.reelstream.udfs.cassandra;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.udfs.cassandra.TestRowTable.TestRow;

import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CassandraRowValidatorTest {

    @Test
    void shouldDeadLetterRowsThatFailValidationAndPassTheOthers() throws Exception {
        CassandraRowValidator<TestRow> validator =
                new CassandraRowValidator<>(new TestRowTable(), "test-pipeline");
        try (OneInputStreamOperatorTestHarness<TestRow, TestRow> harness =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(validator))) {
            harness.open();
            TestRow good = TestRowTable.row("good", 1);
            harness.processElement(new StreamRecord<>(good, 1000L));
            harness.processElement(new StreamRecord<>(new TestRow("bad", 2, new float[7]), 2000L));

            List<TestRow> passed = harness.extractOutputValues();
            assertThat(passed).usingRecursiveFieldByFieldElementComparator().containsExactly(good);
            List<DeadLetter> deadLetters =
                    harness.getSideOutput(CassandraRowValidator.DEAD_LETTERS).stream()
                            .map(StreamRecord::getValue)
                            .toList();
            assertThat(deadLetters).hasSize(1);
            DeadLetter letter = deadLetters.get(0);
            assertThat(letter.reason()).isEqualTo(RejectReason.WRONG_DIMENSION);
            assertThat(letter.detail()).contains("test_rows").contains("was 7");
            assertThat(letter.pipeline()).isEqualTo("test-pipeline");
            assertThat(letter.sourceTimestamp()).isEqualTo(2000L);
            assertThat(letter.v()).isEqualTo(DeadLetter.CURRENT_VERSION);
            // Stateless and timer-free by construction (not keyed): nothing to clean up.
        }
    }
}
