package io.reelstream.schemas.deadletter;

import io.reelstream.schemas.decode.RawRecord;

import java.util.Base64;

/** Builds {@link DeadLetter} records from a rejected raw record, so every job fills them alike. */
public final class DeadLetters {

    private DeadLetters() {}

    /**
     * @param record the raw record that was rejected
     * @param rejection why
     * @param pipeline the job that rejected it
     * @param rejectedAt wall-clock time of rejection, epoch ms
     */
    public static DeadLetter of(
            RawRecord record, Rejection rejection, String pipeline, long rejectedAt) {
        byte[] value = record.value();
        return new DeadLetter(
                DeadLetter.CURRENT_VERSION,
                rejection.reason(),
                rejection.detail(),
                pipeline,
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                value == null ? null : Base64.getEncoder().encodeToString(value),
                rejectedAt);
    }

    /** The original bytes of a dead letter, {@code null} if it had no value. */
    public static byte[] payload(DeadLetter deadLetter) {
        String base64 = deadLetter.payloadBase64();
        return base64 == null ? null : Base64.getDecoder().decode(base64);
    }
}
