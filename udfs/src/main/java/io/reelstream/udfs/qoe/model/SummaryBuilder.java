package io.reelstream.udfs.qoe.model;

import io.reelstream.schemas.qoe.MetricSource;
import io.reelstream.schemas.qoe.SessionOutcome;
import io.reelstream.schemas.qoe.SessionSummary;
import io.reelstream.udfs.qoe.PlaybackSessionState;

/**
 * Builds a playback's {@link SessionSummary} from its state, taking each metric from the best
 * evidence the playback has: a value the player reported (CMCD v2), then play states, then the
 * request pattern (v1). Where a reported value and the states disagree, the reported value wins and
 * the disagreement is counted.
 */
final class SummaryBuilder {

    /** Startup differences up to this are rounding, not disagreement. */
    static final long STARTUP_TOLERANCE_MS = 100;

    /** Rebuffer time differences up to this are rounding, not disagreement. */
    static final long REBUFFER_TOLERANCE_MS = 500;

    private SummaryBuilder() {}

    static SessionSummary build(PlaybackSessionState s, SessionOutcome outcome) {
        boolean states = s.stateReported;
        boolean started =
                (states ? s.started : RequestTrack.started(s)) || s.reportedStartupMs != null;
        boolean exitBeforeStart =
                !started
                        && (outcome == SessionOutcome.EXITED
                                || outcome == SessionOutcome.ABANDONED);
        boolean startFailure = !started && outcome == SessionOutcome.FAILED;

        Long startupMs = null;
        MetricSource startupSource = MetricSource.UNKNOWN;
        if (s.reportedStartupMs != null) {
            startupMs = s.reportedStartupMs;
            startupSource = MetricSource.REPORTED;
        } else if (states && s.started) {
            startupMs = s.startupMs;
            startupSource = MetricSource.STATES;
        } else if (!states && RequestTrack.started(s)) {
            startupMs = RequestTrack.startupMs(s);
            startupSource = MetricSource.REQUESTS;
        }

        Long reportedCount = ReportedQoe.starvations(s);
        long count;
        MetricSource countSource;
        if (reportedCount != null) {
            count = reportedCount;
            countSource = MetricSource.REPORTED;
        } else if (states) {
            count = s.rebufferCount;
            countSource = MetricSource.STATES;
        } else if (s.firstRequestTime != null) {
            count = s.requestStarvations;
            countSource = MetricSource.REQUESTS;
        } else {
            count = 0;
            countSource = MetricSource.UNKNOWN;
        }

        Long reportedMs = ReportedQoe.starvationMs(s);
        Long rebufferMs;
        MetricSource durationSource;
        if (reportedMs != null) {
            rebufferMs = reportedMs;
            durationSource = MetricSource.REPORTED;
        } else if (states) {
            rebufferMs = s.rebufferMs;
            durationSource = MetricSource.STATES;
        } else if (s.firstRequestTime != null && s.requestStarvations == 0) {
            rebufferMs = 0L;
            durationSource = MetricSource.REQUESTS;
        } else {
            rebufferMs = RequestTrack.starvationMs(s);
            durationSource = rebufferMs == null ? MetricSource.UNKNOWN : MetricSource.ESTIMATED;
        }

        long knownRebufferMs = rebufferMs == null ? 0 : rebufferMs;
        long playMs = states ? s.playMs : RequestTrack.playMs(s, knownRebufferMs);
        Double ratio = null;
        if (rebufferMs != null) {
            long watched = playMs + rebufferMs;
            ratio = watched == 0 ? 0.0 : (double) rebufferMs / watched;
        }
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
                started,
                started ? startupMs : null,
                exitBeforeStart,
                startFailure,
                (int) count,
                knownRebufferMs,
                playMs,
                ratio,
                avgBitrate,
                s.lastBitrateKbps,
                s.bitrateSwitches,
                outcome == SessionOutcome.FAILED ? 1 : 0,
                s.errorCode,
                s.stallCount,
                started ? startupSource : MetricSource.UNKNOWN,
                countSource,
                durationSource,
                s.droppedFrames,
                s.playheadMs,
                s.liveLatencyMs,
                s.backgrounded,
                s.contentChanges,
                s.playerErrors,
                disagreements(s, reportedCount, reportedMs));
    }

    /** Reported values that the play states contradict beyond rounding. */
    static int disagreements(PlaybackSessionState s, Long reportedCount, Long reportedMs) {
        if (!s.stateReported) {
            return 0;
        }
        int disagreements = 0;
        if (s.reportedStartupMs != null
                && s.started
                && Math.abs(s.reportedStartupMs - s.startupMs) > STARTUP_TOLERANCE_MS) {
            disagreements++;
        }
        if (reportedCount != null && reportedCount != s.rebufferCount) {
            disagreements++;
        }
        if (reportedMs != null && Math.abs(reportedMs - s.rebufferMs) > REBUFFER_TOLERANCE_MS) {
            disagreements++;
        }
        return disagreements;
    }
}
