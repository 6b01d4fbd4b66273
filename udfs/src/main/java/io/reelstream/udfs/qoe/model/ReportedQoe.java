package io.reelstream.udfs.qoe.model;

import io.reelstream.udfs.qoe.CmcdSignals;
import io.reelstream.udfs.qoe.PlaybackSample;
import io.reelstream.udfs.qoe.PlaybackSessionState;

/**
 * The QoE values a CMCD v2 player reports directly, kept robust to lost, repeated and reordered
 * reports: absolute counters ({@code bsa}, {@code bsda}, {@code dfa}) keep the largest value seen,
 * never a sum of deltas; {@code bsd} durations are summed per reporting mode (each mode reports
 * every ended starvation once) and the larger mode wins; {@code msd} is sent once per session.
 */
final class ReportedQoe {

    private ReportedQoe() {}

    /** Folds the direct values of one CMCD report into the playback's state. */
    static void apply(PlaybackSessionState s, PlaybackSample sample) {
        CmcdSignals c = sample.cmcd();
        if (c.mediaStartDelayMs() != null && s.reportedStartupMs == null) {
            s.reportedStartupMs = c.mediaStartDelayMs();
        }
        s.reportedStarvations = max(s.reportedStarvations, c.starvationCount());
        s.reportedStarvationMs = max(s.reportedStarvationMs, c.starvationMs());
        s.droppedFrames = max(s.droppedFrames, c.droppedFrames());
        s.playheadMs = max(s.playheadMs, c.playheadMs());
        if (c.liveLatencyMs() != null) {
            s.liveLatencyMs = c.liveLatencyMs();
        }
        if (Boolean.TRUE.equals(c.backgrounded())) {
            s.backgrounded = true;
        }
        if (c.endedStarvations() != null) {
            if (c.eventMode()) {
                s.endedStarvationsEventMode += c.endedStarvations();
                s.endedStarvationMsEventMode += c.endedStarvationsMs();
            } else {
                s.endedStarvationsRequestMode += c.endedStarvations();
                s.endedStarvationMsRequestMode += c.endedStarvationsMs();
            }
        }
        if ("e".equals(c.eventType())) {
            s.playerErrors++;
        }
    }

    /**
     * Reported starvation count: the larger of {@code bsa} and the number of {@code bsd} entries
     * (both are lower bounds: the last {@code bsa} may predate a starvation whose {@code bsd} came
     * later); null if the player reported neither.
     */
    static Long starvations(PlaybackSessionState s) {
        int ended = Math.max(s.endedStarvationsEventMode, s.endedStarvationsRequestMode);
        return max(s.reportedStarvations, ended > 0 ? (long) ended : null);
    }

    /** Reported starvation time: the larger of {@code bsda} and the {@code bsd} sum, as above. */
    static Long starvationMs(PlaybackSessionState s) {
        long ended = Math.max(s.endedStarvationMsEventMode, s.endedStarvationMsRequestMode);
        boolean any = s.endedStarvationsEventMode > 0 || s.endedStarvationsRequestMode > 0;
        return max(s.reportedStarvationMs, any ? ended : null);
    }

    private static Long max(Long current, Long seen) {
        if (seen == null) {
            return current;
        }
        return current == null ? seen : Math.max(current, seen);
    }
}
