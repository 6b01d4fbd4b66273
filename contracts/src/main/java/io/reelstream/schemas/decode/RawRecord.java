package io.reelstream.schemas.decode;

/**
 * A Kafka record exactly as it arrived, before decoding: sources emit these so that decoding can
 * never fail a job and a rejected record keeps its origin for the dead-letter topic.
 *
 * @param topic source topic
 * @param partition source partition
 * @param offset source offset
 * @param timestamp Kafka record timestamp, epoch ms
 * @param key record key bytes, may be {@code null}
 * @param value record value bytes, may be {@code null}
 */
public record RawRecord(
        String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {}
