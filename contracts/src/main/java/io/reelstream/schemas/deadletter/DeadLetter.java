package io.reelstream.schemas.deadletter;

/**
 * A record that could not be processed, with everything needed to find, inspect and replay it
 * (contract {@code dead-letter}, version {@link #CURRENT_VERSION}). Written as JSON to the
 * dead-letter topic; {@code payloadBase64} holds the original bytes unchanged.
 *
 * @param v contract version
 * @param reason why it was rejected
 * @param detail human-readable detail (field name, offending value, parser message)
 * @param pipeline the job that rejected it
 * @param sourceTopic Kafka topic the record came from ({@code null} if not from Kafka)
 * @param sourcePartition Kafka partition, -1 if not from Kafka
 * @param sourceOffset Kafka offset, -1 if not from Kafka
 * @param sourceTimestamp Kafka record timestamp, epoch ms, -1 if unknown
 * @param payloadBase64 the original record value, Base64
 * @param rejectedAt wall-clock time of rejection, epoch ms
 */
public record DeadLetter(
        int v,
        RejectReason reason,
        String detail,
        String pipeline,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        long sourceTimestamp,
        String payloadBase64,
        long rejectedAt) {

    public static final int CURRENT_VERSION = 1;
}
