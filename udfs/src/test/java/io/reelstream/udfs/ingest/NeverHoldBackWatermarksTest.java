package io.reelstream.udfs.ingest;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NeverHoldBackWatermarksTest {

    @Test
    void sideInputStaysIdleAndNeverEmitsAWatermarkThatCouldLeadTheMainInput() {
        WatermarkGenerator<String> generator = new NeverHoldBackWatermarks<>();
        RecordingOutput output = new RecordingOutput();

        generator.onEvent("title", 1_000L, output);
        generator.onPeriodicEmit(output);
        generator.onEvent("title", Long.MAX_VALUE - 1, output);
        generator.onPeriodicEmit(output);

        assertThat(output.watermarks).as("no watermark, in particular no Long.MAX_VALUE").isEmpty();
        assertThat(output.idleMarks).isEqualTo(2);
    }

    private static final class RecordingOutput implements WatermarkOutput {
        final List<Watermark> watermarks = new ArrayList<>();
        int idleMarks;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark);
        }

        @Override
        public void markIdle() {
            idleMarks++;
        }

        @Override
        public void markActive() {}
    }
}
