package io.reelstream.schemas.qoe;

import io.reelstream.schemas.events.DeviceType;

/**
 * A live stall signal (contract {@code qoe-stall}, version {@link #CURRENT_VERSION}): a playback
 * has been rebuffering longer than the threshold and is still rebuffering. Emitted once per
 * rebuffer, while it happens.
 *
 * @param stallStart event time the rebuffer began
 * @param detectedAt event time at which the threshold was crossed or observed
 * @param stalledMs how long it had been rebuffering at {@code detectedAt}
 * @param rebufferCount rebuffers of this playback so far, this one included
 */
public record StallEvent(
        int v,
        String playbackId,
        String userId,
        String titleId,
        String cdn,
        String isp,
        Integer asn,
        DeviceType deviceType,
        String country,
        long stallStart,
        long detectedAt,
        long stalledMs,
        int rebufferCount)
        implements KafkaKeyed {

    public static final int CURRENT_VERSION = 1;

    @Override
    public String kafkaKey() {
        return playbackId;
    }

    @Override
    public long kafkaTimestamp() {
        return detectedAt;
    }
}
