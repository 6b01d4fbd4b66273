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

    /**
     * Event time of the last sample of the playback that closed under this id, or {@link #NONE}:
     * its samples up to one inactivity timeout later are late and dropped.
     */
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

    /**
     * True if a sample at {@code eventTime} belongs to the playback that closed (it is dropped).
     */
    public boolean isLateForClosed(long eventTime, long inactivityTimeoutMs) {
        return closedAt != NONE && eventTime < closedAt + inactivityTimeoutMs;
    }

    /** True if nothing is left: no session, no waiting sample, no signal, no closed marker. */
    public boolean isEmpty() {
        return session == null && pending.isEmpty() && ahead == null && closedAt == NONE;
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

    /**
     * Closes the playback whose last sample is at {@code lastSampleTime}: its session and ahead
     * signals go, and so do its waiting samples up to one timeout later (its late samples). Later
     * samples stay: they open the next playback under this id.
     */
    public void close(long lastSampleTime, long inactivityTimeoutMs) {
        session = null;
        ahead = null;
        closedAt = lastSampleTime;
        pending.headMap(lastSampleTime + inactivityTimeoutMs).clear();
    }
}
