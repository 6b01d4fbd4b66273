package io.reelstream.generator;

import io.reelstream.schemas.deadletter.RejectReason;

/**
 * One record the generator produced, ready for Kafka: which topic, key, value bytes and event time
 * (also used as the Kafka record timestamp). Malformed records say which reject reason a strict
 * decoder must give them, so tests can check the dead-letter path.
 *
 * @param kind target topic
 * @param key record key, UTF-8 (empty for a deliberately key-less catalog record)
 * @param value record value bytes
 * @param eventTime event time, epoch ms
 * @param expectedRejection {@code null} for a valid record, else the reason it must be rejected
 */
public record GeneratedRecord(
        TopicKind kind, String key, byte[] value, long eventTime, RejectReason expectedRejection) {

    public boolean isValid() {
        return expectedRejection == null;
    }
}
