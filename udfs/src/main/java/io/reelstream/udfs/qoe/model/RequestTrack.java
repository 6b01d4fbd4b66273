package io.reelstream.udfs.qoe.model;

import io.reelstream.udfs.qoe.CmcdSignals;
import io.reelstream.udfs.qoe.PlaybackSample;
import io.reelstream.udfs.qoe.PlaybackSessionState;

import java.util.Set;

/**
 * The QoE a player's CMCD requests reveal when it reports no play states (v1, or v2 request mode
 * without {@code sta}). Startup runs from the first request to the first request without {@code
 * su}. A {@code bs} flag means one starvation somewhere since the prior request: it counts once.
 * Its duration is not reported; it is estimated by buffer accounting over the video requests that
 * bracket it (docs/qoe.md, "v1 requests"), or left unknown when {@code bl} or {@code d} is missing.
 */
final class RequestTrack {

    /** Object types whose requests carry the buffer that playback drains. */
    private static final Set<String> NOT_VIDEO = Set.of("a", "m", "i", "c", "tt", "k");

    private RequestTrack() {}

    /** Applies one request-mode report at event time {@code t}. */
    static void apply(PlaybackSessionState s, PlaybackSample request) {
        CmcdSignals cmcd = request.cmcd();
        long t = request.eventTime();
        if (s.firstRequestTime == null) {
            s.firstRequestTime = t;
        }
        if (!cmcd.isStartup() && s.requestStartTime == null) {
            s.requestStartTime = t;
        }
        if (cmcd.isStarved()) {
            s.requestStarvations++;
            s.starvationPending = true;
        }
        s.lastRequestTime = t;
        if (isVideo(cmcd.objectType())) {
            onVideoRequest(s, request);
        }
    }

    /** True if the request track saw the video start. */
    static boolean started(PlaybackSessionState s) {
        return s.requestStartTime != null;
    }

    /** Startup from the first request to the first one without {@code su}. */
    static Long startupMs(PlaybackSessionState s) {
        return started(s) ? s.requestStartTime - s.firstRequestTime : null;
    }

    /** Estimated starvation time, or {@code null} if some starvation could not be estimated. */
    static Long starvationMs(PlaybackSessionState s) {
        boolean unknown = s.unestimatedStarvations > 0 || s.starvationPending;
        return unknown ? null : s.estimatedStarvationMs;
    }

    /**
     * Estimated play time: from the start to the end of the media the last video request fetched
     * (its buffer plus its object), less the starvation time; requests alone when {@code bl} or
     * {@code d} is missing.
     */
    static long playMs(PlaybackSessionState s, long starvationMs) {
        if (!started(s)) {
            return 0;
        }
        long end = s.lastRequestTime;
        if (s.lastVideoRequestTime != null
                && s.lastVideoBufferMs != null
                && s.lastVideoObjectMs != null) {
            double rate = rate(s.lastVideoPlaybackRate);
            long tail = Math.round((s.lastVideoBufferMs + s.lastVideoObjectMs) / rate);
            end = Math.max(end, s.lastVideoRequestTime + tail);
        }
        return Math.max(0, end - s.requestStartTime - starvationMs);
    }

    /**
     * Buffer accounting between two video requests at t1 and t2: the buffer grew by the object
     * fetched at t1 and drained at the playback rate except while starved, so {@code stall = (t2 -
     * t1) - (bl1 + d1 - bl2) / rate}, clamped to the interval.
     */
    private static void onVideoRequest(PlaybackSessionState s, PlaybackSample request) {
        CmcdSignals cmcd = request.cmcd();
        long t2 = request.eventTime();
        Long bl2 = request.event().bufferMs();
        if (s.starvationPending) {
            s.starvationPending = false;
            if (s.lastVideoRequestTime != null
                    && s.lastVideoBufferMs != null
                    && s.lastVideoObjectMs != null
                    && bl2 != null) {
                long interval = t2 - s.lastVideoRequestTime;
                double drained = (s.lastVideoBufferMs + s.lastVideoObjectMs - bl2);
                long stall = Math.round(interval - drained / rate(s.lastVideoPlaybackRate));
                stall = Math.max(0, Math.min(interval, stall));
                s.estimatedStarvationMs += stall;
                s.lastEstimatedStallMs = stall;
                s.requestStallPending = true;
            } else {
                s.unestimatedStarvations++;
            }
        }
        s.lastVideoRequestTime = t2;
        s.lastVideoBufferMs = bl2;
        s.lastVideoObjectMs = cmcd.objectDurationMs();
        s.lastVideoPlaybackRate = cmcd.playbackRate();
    }

    private static boolean isVideo(String objectType) {
        return objectType == null || !NOT_VIDEO.contains(objectType);
    }

    private static double rate(Double playbackRate) {
        return playbackRate == null || playbackRate <= 0 ? 1.0 : playbackRate;
    }
}
