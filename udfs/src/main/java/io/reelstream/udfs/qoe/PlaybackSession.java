package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;

import java.util.Optional;

/**
 * The per-playback QoE state machine, Flink-free: it consumes samples in event-time order and
 * attributes each interval between two samples to the state of the earlier one. Startup, rebuffer,
 * bitrate and stall rules are defined here and documented in docs/qoe.md.
 */
public final class PlaybackSession {

    private final PlaybackSessionState s;

    private PlaybackSession(PlaybackSessionState state) {
        this.s = state;
    }

    /** Opens a session from its first sample (the sample is applied too). */
    public static PlaybackSession open(QoeEvent first) {
        PlaybackSessionState state = new PlaybackSessionState();
        state.playbackId = first.playbackId();
        state.firstSampleTime = first.eventTime();
        state.lastSampleTime = first.eventTime();
        state.stateSince = first.eventTime();
        PlaybackSession session = new PlaybackSession(state);
        session.apply(first);
        return session;
    }

    /** Resumes a session from its keyed state. */
    public static PlaybackSession resume(PlaybackSessionState state) {
        return new PlaybackSession(state);
    }

    public PlaybackSessionState state() {
        return s;
    }

    /** True if the sample is older than one already applied (it cannot be applied in order). */
    public boolean isOutOfOrder(QoeEvent sample) {
        return sample.eventTime() < s.lastSampleTime;
    }

    /** Applies one in-order sample; returns the outcome if the sample ends the playback. */
    public Optional<SessionOutcome> apply(QoeEvent sample) {
        long t = sample.eventTime();
        accrue(t);
        copyDimensions(sample);
        PlayerState previous = s.state;
        PlayerState next = sample.state();
        if (next != previous) {
            s.stateSince = t;
            onTransition(previous, next, t);
        }
        s.state = next;
        updateBitrate(sample.bitrateKbps());
        s.lastSampleTime = t;
        return terminalOutcome(next);
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
        return Optional.of(
                new StallEvent(
                        StallEvent.CURRENT_VERSION,
                        s.playbackId,
                        s.userId,
                        s.titleId,
                        s.cdn,
                        s.isp,
                        s.asn,
                        s.deviceType,
                        s.country,
                        s.stateSince,
                        now,
                        stalledMs,
                        s.rebufferCount));
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
        boolean exitBeforeStart =
                !s.started
                        && (outcome == SessionOutcome.EXITED
                                || outcome == SessionOutcome.ABANDONED);
        boolean startFailure = !s.started && outcome == SessionOutcome.FAILED;
        long watched = s.playMs + s.rebufferMs;
        double ratio = watched == 0 ? 0.0 : (double) s.rebufferMs / watched;
        Integer avgBitrate = s.lastBitrateKbps;
        if (s.bitrateKnownPlayMs > 0) {
            avgBitrate = (int) Math.round((double) s.bitrateTimeProduct / s.bitrateKnownPlayMs);
        }
        return new SessionSummary(
                SessionSummary.CURRENT_VERSION,
                s.playbackId,
                s.userId,
                s.titleId,
                s.cdn,
                s.isp,
                s.asn,
                s.deviceType,
                s.country,
                outcome,
                s.firstSampleTime,
                s.lastSampleTime,
                s.started,
                s.started ? s.startupMs : null,
                exitBeforeStart,
                startFailure,
                s.rebufferCount,
                s.rebufferMs,
                s.playMs,
                ratio,
                avgBitrate,
                s.lastBitrateKbps,
                s.bitrateSwitches,
                outcome == SessionOutcome.FAILED ? 1 : 0,
                s.errorCode,
                s.stallCount);
    }

    private void accrue(long t) {
        long elapsed = Math.max(0, t - s.lastSampleTime);
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
            s.startupMs = t - s.firstSampleTime;
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
