package io.reelstream.udfs.qoe;

/**
 * What a CMCD report says beyond a player state: how it was sent, the v1 request flags ({@code su},
 * {@code bs}) and the CTA-5004-B keys that report QoE directly. Absent keys are {@code null}. A
 * sample without a {@code sta} carries no state: its flags and values feed the request track and
 * the reported values, never the state machine.
 *
 * @param eventMode sent as a v2 event-mode report (body), else in request mode (query, headers)
 * @param eventType v2 {@code e} token ({@code ps}, {@code e}, {@code t}, {@code bc}, {@code pr},
 *     {@code c}, {@code b}, ...), {@code null} in request mode
 * @param sequence v2 {@code sn}, the report's sequence number
 * @param startup v1 {@code su}: the object is needed urgently (startup, seek, recovery)
 * @param starved v1 {@code bs}: the buffer starved at some point since the prior request
 * @param mediaStartDelayMs v2 {@code msd}: the player's own startup time
 * @param starvationCount v2 {@code bsa}: starvations since session start (absolute)
 * @param starvationMs v2 {@code bsda}: starvation time since session start (absolute)
 * @param endedStarvationsMs sum of v2 {@code bsd}: durations of starvations that ended
 * @param endedStarvations number of v2 {@code bsd} entries
 * @param droppedFrames v2 {@code dfa}: dropped frames since session start (absolute)
 * @param playheadMs v2 {@code pt}: playhead time
 * @param liveLatencyMs v2 {@code ltc}: live stream latency
 * @param backgrounded v2 {@code bg}
 * @param objectDurationMs {@code d}: playback duration of the requested object
 * @param objectType {@code ot}: type of the requested object
 * @param playbackRate {@code pr}
 * @param errorCode first v2 {@code ec} entry
 */
public record CmcdSignals(
        boolean eventMode,
        String eventType,
        Long sequence,
        Boolean startup,
        Boolean starved,
        Long mediaStartDelayMs,
        Long starvationCount,
        Long starvationMs,
        Long endedStarvationsMs,
        Integer endedStarvations,
        Long droppedFrames,
        Long playheadMs,
        Long liveLatencyMs,
        Boolean backgrounded,
        Integer objectDurationMs,
        String objectType,
        Double playbackRate,
        String errorCode) {

    /** v2 event type of a content id change: a new {@code cid} under the same {@code sid}. */
    public static final String CONTENT_ID_EVENT = "c";

    /** True if the v1 {@code su} flag is set. */
    public boolean isStartup() {
        return Boolean.TRUE.equals(startup);
    }

    /** True if the v1 {@code bs} flag is set. */
    public boolean isStarved() {
        return Boolean.TRUE.equals(starved);
    }
}
