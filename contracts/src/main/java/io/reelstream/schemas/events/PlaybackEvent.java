package io.reelstream.schemas.events;

/**
 * One player lifecycle event (contract {@code playback}, version {@link #CURRENT_VERSION}).
 *
 * <p>Units: all times are epoch milliseconds (UTC), positions and runtimes are milliseconds.
 * Optional fields are {@code null} when absent.
 *
 * @param v contract version of the payload
 * @param eventId producer-assigned unique id, used to drop duplicates
 * @param type what happened
 * @param eventTime when it happened on the device, epoch ms
 * @param userId member account id
 * @param profileId profile within the account (optional)
 * @param deviceType device class
 * @param country ISO 3166-1 alpha-2 country code
 * @param titleId the title (movie or episode) being played
 * @param playbackId id of this playback session (one per press of play)
 * @param positionMs playhead position, ms from the start of the title
 * @param runtimeMs the title's runtime, ms
 * @param seekFromMs for SEEK only: the position the seek started from (optional)
 */
public record PlaybackEvent(
        int v,
        String eventId,
        PlaybackEventType type,
        long eventTime,
        String userId,
        String profileId,
        DeviceType deviceType,
        String country,
        String titleId,
        String playbackId,
        long positionMs,
        long runtimeMs,
        Long seekFromMs) {

    public static final int CURRENT_VERSION = 1;
}
