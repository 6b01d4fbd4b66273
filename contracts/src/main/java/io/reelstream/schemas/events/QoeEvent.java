package io.reelstream.schemas.events;

/**
 * One player quality sample (contract {@code qoe}, version {@link #CURRENT_VERSION}): the player
 * state plus buffer and bitrate at that instant, and the delivery path (CDN, ISP) it used.
 *
 * <p>Players may instead send raw CMCD (CTA-5004) payloads, contract {@code cmcd}; those are
 * decoded into this record by the QoE pipeline (see docs/event-contracts.md).
 *
 * @param v contract version of the payload
 * @param eventId producer-assigned unique id
 * @param eventTime sample time on the device, epoch ms
 * @param playbackId playback session id (CMCD {@code sid})
 * @param userId member account id (optional)
 * @param titleId content id (CMCD {@code cid}, optional)
 * @param state player state at this instant
 * @param bufferMs buffer length, ms (CMCD {@code bl}, optional)
 * @param bitrateKbps encoded bitrate being played, kbit/s (CMCD {@code br}, optional)
 * @param throughputKbps measured throughput, kbit/s (CMCD {@code mtp}, optional)
 * @param cdn CDN name serving the segments
 * @param isp ISP name of the client network (optional)
 * @param asn autonomous system number of the client network (optional)
 * @param deviceType device class
 * @param country ISO 3166-1 alpha-2 country code
 * @param errorCode player error code when {@code state} is FATAL_ERROR (optional)
 */
public record QoeEvent(
        int v,
        String eventId,
        long eventTime,
        String playbackId,
        String userId,
        String titleId,
        PlayerState state,
        Long bufferMs,
        Integer bitrateKbps,
        Integer throughputKbps,
        String cdn,
        String isp,
        Integer asn,
        DeviceType deviceType,
        String country,
        String errorCode) {

    public static final int CURRENT_VERSION = 1;
}
