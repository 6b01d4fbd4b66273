package io.reelstream.pipelines.common;

import io.reelstream.schemas.decode.RawRecord;

import org.apache.flink.connector.datagen.source.GeneratorFunction;

import java.nio.charset.StandardCharsets;

/**
 * Test input: record {@code i} carries event time {@code i * 1000} as text, except every 5th
 * (garbage) and every 7th (far future) which the {@link EpochTextDecoder} must reject.
 */
final class NumberedRawRecords implements GeneratorFunction<Long, RawRecord> {

    static final long FAR_FUTURE = 9_000_000_000_000L;

    static boolean isGarbage(long i) {
        return i % 5 == 0;
    }

    static boolean isFuture(long i) {
        return !isGarbage(i) && i % 7 == 0;
    }

    @Override
    public RawRecord map(Long i) {
        String text =
                isGarbage(i)
                        ? "garbage-" + i
                        : isFuture(i) ? Long.toString(FAR_FUTURE) : i * 1000 + "";
        return new RawRecord(
                "test-topic",
                (int) (i % 3),
                i,
                i * 1000,
                null,
                text.getBytes(StandardCharsets.UTF_8));
    }
}
