package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.udfs.continuewatching.model.PlaybackOrder;

import java.util.ArrayList;
import java.util.List;

/**
 * All of one member's continue-watching state in one value (state schema v3, issue 15): the settled
 * row, the write bookkeeping, the events that wait for the watermark and the one timer that applies
 * them. One value per member means one state read and one write per callback, where v1/v2 kept
 * three keyed states and a timer per waiting event time. Flink-free.
 */
public final class ContinueWatchingState {

    /** The row as the watermark settled it; {@code null} before the first settle. */
    public ContinueWatchingRow row;

    /** What was last written; {@code null} before the first write or settle. */
    public RowWriteClock clock;

    /** Arrived events the watermark has not passed yet, in arrival order. */
    public final List<PlaybackEvent> pending;

    /** The timer registered for the earliest waiting event, or {@link RowWriteClock#NEVER}. */
    public long applyTimerAt = RowWriteClock.NEVER;

    /**
     * The processing-time timer that writes a coalesced change ahead of the watermark, or {@link
     * RowWriteClock#NEVER}.
     */
    public long flushAheadAt = RowWriteClock.NEVER;

    public ContinueWatchingState() {
        this(null, null, new ArrayList<>(), RowWriteClock.NEVER);
    }

    public ContinueWatchingState(
            ContinueWatchingRow row,
            RowWriteClock clock,
            List<PlaybackEvent> pending,
            long applyTimerAt) {
        this.row = row;
        this.clock = clock;
        this.pending = pending;
        this.applyTimerAt = applyTimerAt;
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Event time of the earliest waiting event, or {@link RowWriteClock#NEVER} if none waits. */
    public long earliestPending() {
        long earliest = Long.MAX_VALUE;
        for (PlaybackEvent event : pending) {
            earliest = Math.min(earliest, event.eventTime());
        }
        return pending.isEmpty() ? RowWriteClock.NEVER : earliest;
    }

    /** Event time of the latest waiting event, or {@link RowWriteClock#NEVER} if none waits. */
    public long latestPending() {
        long latest = RowWriteClock.NEVER;
        for (PlaybackEvent event : pending) {
            latest = Math.max(latest, event.eventTime());
        }
        return latest;
    }

    /** Every waiting event, in {@link PlaybackOrder}. */
    public List<PlaybackEvent> arrivedInOrder() {
        List<PlaybackEvent> arrived = new ArrayList<>(pending);
        arrived.sort(PlaybackOrder.EVENTS);
        return arrived;
    }

    /** Removes and returns the waiting events at or before {@code watermark}, in order. */
    public List<PlaybackEvent> drainUpTo(long watermark) {
        List<PlaybackEvent> due = new ArrayList<>();
        pending.removeIf(
                event -> {
                    boolean settles = event.eventTime() <= watermark;
                    if (settles) {
                        due.add(event);
                    }
                    return settles;
                });
        due.sort(PlaybackOrder.EVENTS);
        return due;
    }

    /** Whether any of the apply, flush or expiry timers is registered at {@code time}. */
    public boolean holdsTimerAt(long time) {
        return applyTimerAt == time
                || (clock != null && (clock.flushTimerAt == time || clock.expiryTimerAt == time));
    }

    /** Nothing left: no settled row and no waiting event. */
    public boolean isEmpty() {
        return row == null && pending.isEmpty();
    }
}
