package io.reelstream.udfs.ingest;

import io.reelstream.schemas.deadletter.DeadLetter;
import io.reelstream.schemas.deadletter.RejectReason;
import io.reelstream.schemas.decode.DecodeResult;
import io.reelstream.schemas.decode.RawRecord;
import io.reelstream.schemas.json.DecodeLimits;
import io.reelstream.schemas.json.EventCodecs;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterRecordSchemaTest {

    @Test
    void shouldKeyByOriginAndWriteDecodableJson() {
        DeadLetter letter =
                new DeadLetter(
                        1,
                        RejectReason.NULL_KEY,
                        "record key is null",
                        "catalog",
                        "reelstream.catalog.v1",
                        1,
                        500,
                        1_000L,
                        "e30=",
                        2_000L);
        ProducerRecord<byte[], byte[]> record =
                new DeadLetterRecordSchema("reelstream.dead-letter.v1")
                        .serialize(letter, null, null);

        assertThat(record.topic()).isEqualTo("reelstream.dead-letter.v1");
        assertThat(new String(record.key(), StandardCharsets.UTF_8))
                .isEqualTo("reelstream.catalog.v1/1/500");
        assertThat(record.timestamp()).isEqualTo(2_000L);
        DecodeResult<DeadLetter> decoded =
                EventCodecs.deadLetterDecoder(DecodeLimits.defaults())
                        .decode(new RawRecord("dl", 0, 0, 0, record.key(), record.value()), 0);
        assertThat(decoded).isEqualTo(DecodeResult.ok(letter));
    }
}
