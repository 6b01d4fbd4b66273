package io.reelstream.udfs.ingest;

import io.reelstream.schemas.decode.RawRecord;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.util.Collector;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RawRecordSchemaTest {

    @Test
    void shouldKeepOriginAndBytesUntouched() {
        ConsumerRecord<byte[], byte[]> record =
                new ConsumerRecord<>(
                        "reelstream.qoe.v1", 2, 77, new byte[] {1}, new byte[] {(byte) 0xff, 0});
        List<RawRecord> out = deserialize(record);
        assertThat(out)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.topic()).isEqualTo("reelstream.qoe.v1");
                            assertThat(r.partition()).isEqualTo(2);
                            assertThat(r.offset()).isEqualTo(77);
                            assertThat(r.key()).containsExactly(1);
                            assertThat(r.value()).containsExactly((byte) 0xff, 0);
                        });
    }

    @Test
    void shouldPassNullKeyAndTombstoneOnWithoutThrowing() {
        List<RawRecord> out = deserialize(new ConsumerRecord<>("t", 0, 1, null, null));
        assertThat(out)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.key()).isNull();
                            assertThat(r.value()).isNull();
                        });
    }

    @Test
    void shouldProduceAPojoTypeNotAGenericKryoType() {
        TypeInformation<RawRecord> type = new RawRecordSchema().getProducedType();
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
    }

    private static List<RawRecord> deserialize(ConsumerRecord<byte[], byte[]> record) {
        List<RawRecord> out = new ArrayList<>();
        new RawRecordSchema().deserialize(record, new ListCollector(out));
        return out;
    }

    /** Collects into a list. */
    private record ListCollector(List<RawRecord> out) implements Collector<RawRecord> {
        @Override
        public void collect(RawRecord record) {
            out.add(record);
        }

        @Override
        public void close() {}
    }
}
