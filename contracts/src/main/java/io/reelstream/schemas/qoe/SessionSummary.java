package io.reelstream.schemas.qoe;

import io.reelstream.schemas.events.DeviceType;

/**
 * The QoE metrics of one finished playback (contract {@code qoe-session-summary}, version {@link
 * #CURRENT_VERSION}); written to Kafka and to Cassandra table {@code playback_qoe}. Definitions are
 * in docs/qoe.md.
 *
 * @param v contract version
 * @param playbackId playback session id
 * @param startTime event time of the first sample
 * @param endTime event time of the closing sample (last sample if abandoned)
 * @param startupMs first sample to first PLAYING, ms; {@code null} if never started
 * @param exitBeforeStart quit or went silent before video start (EBVS)
 * @param startFailure fatal error before video start (VSF)
 * @param rebufferCount rebuffers (starvations) after video start; see {@code rebufferCountSource}
 * @param rebufferMs time starved after video start; 0 when {@code rebufferDurationSource} is
 *     UNKNOWN
 * @param rebufferRatio rebufferMs / (playMs + rebufferMs), 0 when both are 0, {@code null} when the
 *     rebuffer duration is unknown
 * @param avgBitrateKbps play-time-weighted mean encoded bitrate, {@code null} if unknown
 * @param finalBitrateKbps last reported encoded bitrate, {@code null} if unknown
 * @param stallCount rebuffers that lasted longer than the stall threshold
 * @param startupSource where {@code startupMs} came from (v2)
 * @param rebufferCountSource where {@code rebufferCount} came from (v2)
 * @param rebufferDurationSource where {@code rebufferMs} and the ratio came from; ESTIMATED and
 *     UNKNOWN keep estimates apart from measurements (v2)
 * @param droppedFrames CMCD v2 {@code dfa}, largest seen (v2)
 * @param playheadMs CMCD v2 {@code pt}, largest seen (v2)
 * @param liveLatencyMs CMCD v2 {@code ltc}, last reported (v2)
 * @param backgrounded CMCD v2 {@code bg} was reported true (v2)
 * @param contentChanges new {@code cid} values under the same playback id (v2)
 * @param playerErrors CMCD v2 error events (v2)
 * @param reportDisagreements reported values (msd, bsa, bsda) that disagree with the play states
 *     (v2; see docs/qoe.md for the tolerances)
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
        Double rebufferRatio,
        Integer avgBitrateKbps,
        Integer finalBitrateKbps,
        int bitrateSwitches,
        int fatalErrors,
        String errorCode,
        int stallCount,
        MetricSource startupSource,
        MetricSource rebufferCountSource,
        MetricSource rebufferDurationSource,
        Long droppedFrames,
        Long playheadMs,
        Long liveLatencyMs,
        boolean backgrounded,
        int contentChanges,
        int playerErrors,
        int reportDisagreements)
        implements KafkaKeyed {

    public static final int CURRENT_VERSION = 2;

    /** True if the rebuffer time (and so the ratio) is known, measured or estimated. */
    public boolean rebufferDurationKnown() {
        return rebufferDurationSource != MetricSource.UNKNOWN;
    }

    @Override
    public String kafkaKey() {
        return playbackId;
    }

    @Override
    public long kafkaTimestamp() {
        return endTime;
    }
}
