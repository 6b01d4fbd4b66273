package io.reelstream.udfs.qoe.model;

import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;
import io.reelstream.schemas.qoe.SessionOutcome;
import io.reelstream.schemas.qoe.SessionSummary;
import io.reelstream.schemas.qoe.StallEvent;
import io.reelstream.udfs.qoe.PlaybackSample;
import io.reelstream.udfs.qoe.PlaybackSessionState;

import java.util.Optional;

/**
 * The per-playback QoE state machine, Flink-free: it consumes samples in event-time order. State
 * samples (telemetry, CMCD {@code sta}) drive the state track, which attributes each interval to
 * the state it was in; CMCD requests without a state feed the {@link RequestTrack}; CMCD v2 values
 * feed {@link ReportedQoe}. The summary takes each metric from the best evidence the playback has:
 * reported, then states, then requests. Rules are documented in docs/qoe.md.
 */
public final class PlaybackSession {

    private final PlaybackSessionState s;

    private PlaybackSession(PlaybackSessionState state) {
        this.s = state;
    }

    /** Opens a session from its first sample (the sample is applied too). */
    public static PlaybackSession open(PlaybackSample first) {
        PlaybackSessionState state = new PlaybackSessionState();
        state.playbackId = first.playbackId();
        state.firstSampleTime = first.eventTime();
        state.lastSampleTime = first.eventTime();
        state.stateSince = first.eventTime();
        PlaybackSession session = new PlaybackSession(state);
        session.apply(first);
        return session;
    }

    /**
     * Resumes a session from its keyed state. A version 1 state is migrated: every sample it saw
     * was a state sample, so its state track spans all of them.
     */
    public static PlaybackSession resume(PlaybackSessionState state) {
        if (state.v < 2) {
            state.stateReported = state.state != null;
            state.firstStateTime = state.firstSampleTime;
            state.lastStateTime = state.lastSampleTime;
            state.previousReleaseSamples = true;
            state.v = PlaybackSessionState.CURRENT_VERSION;
        }
        return new PlaybackSession(state);
    }

    public PlaybackSessionState state() {
        return s;
    }

    /**
     * True if the sample is older than one already applied to its track, so it cannot be applied in
     * order. Each track keeps its own order: a batched v2 event report that arrives after later
     * requests still applies to the state track; reported values are order-free.
     */
    public boolean isOutOfOrder(PlaybackSample sample) {
        long t = sample.eventTime();
        if (sample.reportsState()) {
            return s.stateReported && t < s.lastStateTime;
        }
        if (sample.isCmcdRequest()) {
            return s.lastRequestTime != null && t < s.lastRequestTime;
        }
        return !sample.isCmcd() && t < s.lastSampleTime;
    }

    /** Applies one in-order sample; returns the outcome if the sample ends the playback. */
    public Optional<SessionOutcome> apply(PlaybackSample sample) {
        long t = sample.eventTime();
        copyDimensions(sample.event());
        if (sample.isCmcd()) {
            ReportedQoe.apply(s, sample);
            trackContent(sample);
        }
        Optional<SessionOutcome> outcome = Optional.empty();
        if (sample.reportsState()) {
            outcome = applyState(sample.event().state(), t);
        } else if (sample.isCmcdRequest()) {
            RequestTrack.apply(s, sample);
        }
        if (sample.reportsState() || !s.stateReported) {
            // With play states, bitrate follows them: a request's bitrate at the end of an
            // interval must not be weighted over the interval that the states already bound.
            updateBitrate(sample.event().bitrateKbps());
        }
        s.lastSampleTime = Math.max(s.lastSampleTime, t);
        return outcome;
    }

    private Optional<SessionOutcome> applyState(PlayerState next, long t) {
        if (!s.stateReported) {
            s.stateReported = true;
            s.firstStateTime = t;
            s.lastStateTime = t;
            s.stateSince = t;
        }
        accrue(t);
        PlayerState previous = s.state;
        if (next != previous) {
            s.stateSince = t;
            onTransition(previous, next, t);
        }
        s.state = next;
        return terminalOutcome(next);
    }

    /**
     * A stall signal for a starvation that the request track estimated at or above {@code
     * thresholdMs} (players without play states; the signal comes with the request that reported
     * the starvation, since {@code bs} is only known afterwards).
     */
    public Optional<StallEvent> takeRequestStall(long thresholdMs) {
        if (!s.requestStallPending) {
            return Optional.empty();
        }
        s.requestStallPending = false;
        if (s.stateReported || s.lastEstimatedStallMs < thresholdMs) {
            return Optional.empty();
        }
        s.stallCount++;
        long end = s.lastVideoRequestTime;
        return Optional.of(stallEvent(end - s.lastEstimatedStallMs, end, s.requestStarvations));
    }

    /**
     * A stall signal if the playback is in a counted rebuffer that has lasted at least {@code
     * thresholdMs} at {@code now} and was not signalled yet.
     */
    public Optional<StallEvent> checkStall(long now, long thresholdMs) {
        if (s.state != PlayerState.REBUFFERING || !s.countedRebuffer || s.stallSignalled) {
            return Optional.empty();
        }
        long stalledMs = now - s.stateSince;
        if (stalledMs < thresholdMs) {
            return Optional.empty();
        }
        s.stallSignalled = true;
        s.stallCount++;
        return Optional.of(stallEvent(s.stateSince, now, s.rebufferCount));
    }

    private StallEvent stallEvent(long since, long now, int rebuffers) {
        return new StallEvent(
                StallEvent.CURRENT_VERSION,
                s.playbackId,
                s.userId,
                s.titleId,
                s.cdn,
                s.isp,
                s.asn,
                s.deviceType,
                s.country,
                since,
                now,
                now - since,
                rebuffers);
    }

    /** Event time at which a pending stall would be due, or empty if none can become due. */
    public Optional<Long> stallDueAt(long thresholdMs) {
        if (s.state == PlayerState.REBUFFERING && s.countedRebuffer && !s.stallSignalled) {
            return Optional.of(s.stateSince + thresholdMs);
        }
        return Optional.empty();
    }

    /** The summary of the playback, ended with {@code outcome} at the last applied sample. */
    public SessionSummary summarize(SessionOutcome outcome) {
        return SummaryBuilder.build(s, outcome);
    }

    /** Attributes the time since the state track's last instant to the current state. */
    private void accrue(long t) {
        if (!s.stateReported || t <= s.lastStateTime) {
            return;
        }
        long elapsed = t - s.lastStateTime;
        s.lastStateTime = t;
        if (s.state == PlayerState.PLAYING) {
            s.playMs += elapsed;
            if (s.lastBitrateKbps != null) {
                s.bitrateKnownPlayMs += elapsed;
                s.bitrateTimeProduct += elapsed * s.lastBitrateKbps;
            }
        } else if (s.state == PlayerState.REBUFFERING && s.countedRebuffer) {
            s.rebufferMs += elapsed;
        }
    }

    private void onTransition(PlayerState previous, PlayerState next, long t) {
        if (next == PlayerState.PLAYING && !s.started) {
            s.started = true;
            s.startupMs = t - s.firstStateTime;
        }
        s.countedRebuffer =
                next == PlayerState.REBUFFERING && s.started && previous != PlayerState.SEEKING;
        if (s.countedRebuffer) {
            s.rebufferCount++;
            s.stallSignalled = false;
        }
    }

    private void updateBitrate(Integer bitrateKbps) {
        if (bitrateKbps == null) {
            return;
        }
        if (s.lastBitrateKbps != null && !s.lastBitrateKbps.equals(bitrateKbps)) {
            s.bitrateSwitches++;
        }
        s.lastBitrateKbps = bitrateKbps;
    }

    /** A new {@code cid} under the same {@code sid} is a content change (v2 event {@code c}). */
    private void trackContent(PlaybackSample sample) {
        String contentId = sample.event().titleId();
        if (contentId == null) {
            return;
        }
        if (s.currentContentId != null && !s.currentContentId.equals(contentId)) {
            s.contentChanges++;
        }
        s.currentContentId = contentId;
    }

    private void copyDimensions(QoeEvent sample) {
        s.userId = firstNonNull(sample.userId(), s.userId);
        s.titleId = firstNonNull(sample.titleId(), s.titleId);
        s.cdn = firstNonNull(sample.cdn(), s.cdn);
        s.isp = firstNonNull(sample.isp(), s.isp);
        s.asn = firstNonNull(sample.asn(), s.asn);
        s.deviceType = firstNonNull(sample.deviceType(), s.deviceType);
        s.country = firstNonNull(sample.country(), s.country);
        if (sample.state() == PlayerState.FATAL_ERROR) {
            s.errorCode = sample.errorCode();
        }
    }

    private static Optional<SessionOutcome> terminalOutcome(PlayerState state) {
        return switch (state) {
            case ENDED -> Optional.of(SessionOutcome.COMPLETED);
            case QUIT -> Optional.of(SessionOutcome.EXITED);
            case FATAL_ERROR -> Optional.of(SessionOutcome.FAILED);
            default -> Optional.empty();
        };
    }

    private static <T> T firstNonNull(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
