package io.reelstream.udfs.qoe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the QoE job keeps for one playback id, in one keyed value (QoE state version 3,
 * written by {@link PlaybackStateSerializer}): one read and one write per sample where the previous
 * layout read five states and registered a timer per sample instant.
 *
 * <p>An open playback has its settled session (null until the watermark passes its first sample),
 * the samples still waiting for the watermark, and the stalls signalled ahead of it. A closed one
 * keeps only when it closed, so that its late samples are dropped for one more timeout.
 */
public final class PlaybackState {

    /** No time: a timer not armed, a playback not closed. */
    public static final long NONE = Long.MIN_VALUE;

    /** The session as the watermark has settled it, or null. */
    public PlaybackSessionState session;

    /** Samples the watermark has not passed, by event time, in arrival order within an instant. */
    public final TreeMap<Long, List<PlaybackSample>> pending;

    /** Stalls signalled ahead of the watermark and the watched rebuffer, or null. */
    public StallsSignalledAhead ahead;

    /** Event time of the closed playback's last sample, or {@link #NONE} while it is open. */
    public long closedAt = NONE;

    /** The earliest event-time timer armed for a waiting sample, or {@link #NONE}. */
    public long settleTimerAt = NONE;

    /**
     * The earliest event-time timer armed for a deadline (stall threshold, inactivity, end of the
     * closed marker), or {@link #NONE}. It may fire early: it then re-arms at the deadline.
     */
    public long deadlineTimerAt = NONE;

    public PlaybackState() {
        this(new TreeMap<>());
    }

    public PlaybackState(TreeMap<Long, List<PlaybackSample>> pending) {
        this.pending = pending;
    }

    /** True once the playback closed (its late samples are dropped). */
    public boolean isClosed() {
        return closedAt != NONE;
    }

    /** Buffers {@code sample} at its event time (after the samples of that instant). */
    public void addPending(PlaybackSample sample) {
        pending.computeIfAbsent(sample.eventTime(), t -> new ArrayList<>(2)).add(sample);
    }

    /** The earliest waiting instant, if any. */
    public Optional<Long> firstPending() {
        return pending.isEmpty() ? Optional.empty() : Optional.of(pending.firstKey());
    }

    /** Removes and returns the samples of instant {@code time} (empty if none). */
    public List<PlaybackSample> takePending(long time) {
        List<PlaybackSample> samples = pending.remove(time);
        return samples == null ? List.of() : samples;
    }

    /** Closes the playback: its session, waiting samples and ahead signals are dropped. */
    public void close(long lastSampleTime) {
        session = null;
        pending.clear();
        ahead = null;
        closedAt = lastSampleTime;
    }
}
