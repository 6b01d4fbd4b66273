package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.events.DeviceType;

/**
 * One entry of a member's continue-watching row as it is served (one UDT value in Cassandra).
 *
 * @param titleId the title to resume
 * @param showId its series, or the title itself for a movie
 * @param positionMs bookmark position, ms
 * @param runtimeMs the title's runtime, ms
 * @param progress positionMs / runtimeMs, 0..1
 * @param lastWatchedAt event time of the last viewing, epoch ms
 * @param device device of the last viewing
 */
public record ContinueWatchingEntry(
        String titleId,
        String showId,
        long positionMs,
        long runtimeMs,
        double progress,
        long lastWatchedAt,
        DeviceType device) {}
