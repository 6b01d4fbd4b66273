package io.reelstream.udfs.continuewatching.model;

import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;

import java.util.Comparator;

/**
 * The total order in which playback events are applied: event time, then at equal times ending
 * events (stop, pause, complete) before continuing ones before starting ones, then event id. So a
 * member who stops on the TV and starts on the phone in the same millisecond ends on the phone,
 * whatever order the events arrive in.
 */
public final class PlaybackOrder {

    public static final Comparator<PlaybackEvent> EVENTS =
            Comparator.comparingLong(PlaybackEvent::eventTime)
                    .thenComparingInt(e -> rank(e.type()))
                    .thenComparing(PlaybackEvent::eventId);

    private PlaybackOrder() {}

    /** Tie-break rank among events of the same millisecond. */
    public static int rank(PlaybackEventType type) {
        return switch (type) {
            case STOP, PAUSE, COMPLETE -> 0;
            case HEARTBEAT, SEEK -> 1;
            case START, RESUME -> 2;
        };
    }

    /** Compares an event with the last one a title applied (negative: the event is older). */
    public static int compare(PlaybackEvent event, long time, int rank, String eventId) {
        int byTime = Long.compare(event.eventTime(), time);
        if (byTime != 0) {
            return byTime;
        }
        int byRank = Integer.compare(rank(event.type()), rank);
        if (byRank != 0) {
            return byRank;
        }
        return eventId == null ? 1 : event.eventId().compareTo(eventId);
    }
}
