package io.reelstream.schemas.cmcd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/**
 * The Kafka payload of contract {@code cmcd} (version {@link #CURRENT_VERSION}): one CMCD report as
 * the edge received it, plus what the edge knows about the delivery path. Exactly one of {@code
 * query} (URL or query string with the {@code CMCD} parameter), {@code headers} (the {@code CMCD-*}
 * request headers) or {@code body} (a v2 event-mode report) is expected; if several are present
 * they are merged in that order. See docs/qoe.md.
 *
 * @param v contract version
 * @param eventId producer-assigned unique id (optional; derived from the Kafka position if absent)
 * @param eventTime receive time at the edge, epoch ms; a v2 {@code ts} key takes precedence
 * @param query URL or query string carrying {@code CMCD=...}
 * @param headers request headers carrying CMCD dictionaries
 * @param body v2 event-mode report body
 * @param userId member account id (optional)
 * @param cdn CDN that served the request
 * @param isp client ISP name (optional)
 * @param asn client autonomous system number (optional)
 * @param deviceType device class, a {@code DeviceType} name
 * @param country ISO 3166-1 alpha-2 country code
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CmcdRecord(
        Integer v,
        String eventId,
        Long eventTime,
        String query,
        Map<String, String> headers,
        String body,
        String userId,
        String cdn,
        String isp,
        Integer asn,
        String deviceType,
        String country) {

    public static final int CURRENT_VERSION = 1;

    /**
     * A wrapper for a bare payload (no JSON around it): a query string if it contains {@code
     * CMCD=}, else a dictionary body; event time is the Kafka record time when known.
     */
    public static CmcdRecord bare(String payload, long recordTimestamp) {
        boolean query = payload.contains("CMCD=");
        return new CmcdRecord(
                CURRENT_VERSION,
                null,
                recordTimestamp >= 0 ? recordTimestamp : null,
                query ? payload.strip() : null,
                null,
                query ? null : payload,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
