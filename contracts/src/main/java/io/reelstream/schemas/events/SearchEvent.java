package io.reelstream.schemas.events;

import java.util.List;

/**
 * A search a member ran (contract {@code search}, version {@link #CURRENT_VERSION}).
 *
 * @param v contract version of the payload
 * @param eventId producer-assigned unique id
 * @param eventTime when the query was submitted, epoch ms
 * @param userId member account id
 * @param deviceType device class
 * @param country ISO 3166-1 alpha-2 country code
 * @param query the query text as typed
 * @param resultCount number of results returned
 * @param resultTitleIds the first result title ids, in rank order (may be empty)
 */
public record SearchEvent(
        int v,
        String eventId,
        long eventTime,
        String userId,
        DeviceType deviceType,
        String country,
        String query,
        int resultCount,
        List<String> resultTitleIds) {

    public static final int CURRENT_VERSION = 1;
}
