package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.DeviceType;

/**
 * The QoE metrics of one finished playback (contract {@code qoe-session-summary}, version {@link
 * #CURRENT_VERSION}); written to Kafka and to Cassandra table {@code qoe_session_summary}.
 * Definitions are in docs/qoe.md.
 *
 * @param v contract version
 * @param playbackId playback session id
 * @param startTime event time of the first sample
 * @param endTime event time of the closing sample (last sample if abandoned)
 * @param startupMs first sample to first PLAYING, ms; {@code null} if never started
 * @param exitBeforeStart quit or went silent before video start (EBVS)
 * @param startFailure fatal error before video start (VSF)
 * @param rebufferRatio rebufferMs / (playMs + rebufferMs), 0 when both are 0
 * @param avgBitrateKbps play-time-weighted mean encoded bitrate, {@code null} if unknown
 * @param finalBitrateKbps last reported encoded bitrate, {@code null} if unknown
 * @param stallCount rebuffers that lasted longer than the stall threshold
 */
public record SessionSummary(
        int v,
        String playbackId,
        String userId,
        String titleId,
        String cdn,
        String isp,
        Integer asn,
        DeviceType deviceType,
        String country,
        SessionOutcome outcome,
        long startTime,
        long endTime,
        boolean started,
        Long startupMs,
        boolean exitBeforeStart,
        boolean startFailure,
        int rebufferCount,
        long rebufferMs,
        long playMs,
        double rebufferRatio,
        Integer avgBitrateKbps,
        Integer finalBitrateKbps,
        int bitrateSwitches,
        int fatalErrors,
        String errorCode,
        int stallCount)
        implements KafkaKeyed {

    public static final int CURRENT_VERSION = 1;

    @Override
    public String kafkaKey() {
        return playbackId;
    }

    @Override
    public long kafkaTimestamp() {
        return endTime;
    }
}
