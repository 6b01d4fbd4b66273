package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlayerState;

/**
 * Keyed state of one open playback (a Flink POJO, so fields may be added with schema evolution;
 * {@code v} versions the meaning). Mutated only by {@link PlaybackSession} and the tracks it owns
 * ({@link RequestTrack}, {@link ReportedQoe}).
 *
 * <p>Version 2 keeps three kinds of evidence apart: the state track (telemetry and CMCD {@code
 * sta}), the request track (v1 {@code su} / {@code bs} requests) and the values the player reported
 * directly (CMCD v2 {@code msd}, {@code bsa}, ...). A version 1 state is migrated on resume by
 * {@link PlaybackSession#resume}: its samples were all state samples.
 */
public class PlaybackSessionState implements Cloneable {

    public static final int CURRENT_VERSION = 2;

    public int v = CURRENT_VERSION;
    public String playbackId;
    public String userId;
    public String titleId;
    public String cdn;
    public String isp;
    public Integer asn;
    public DeviceType deviceType;
    public String country;

    public long firstSampleTime;
    public long lastSampleTime;
    public PlayerState state;
    public long stateSince;

    public boolean started;
    public long startupMs;

    /** True while the current REBUFFERING counts as a rebuffer (after start, not seek-induced). */
    public boolean countedRebuffer;

    public boolean stallSignalled;
    public int rebufferCount;
    public long rebufferMs;
    public long playMs;
    public long bitrateKnownPlayMs;
    public long bitrateTimeProduct;
    public Integer lastBitrateKbps;
    public int bitrateSwitches;
    public int stallCount;
    public String errorCode;

    // v2: the state track's own first and last sample (requests do not move them).
    public boolean stateReported;
    public long firstStateTime;
    public long lastStateTime;

    // v2: the request track (CMCD requests without sta).
    public Long firstRequestTime;
    public Long requestStartTime;
    public Long lastRequestTime;
    public int requestStarvations;
    public boolean starvationPending;
    public Long lastVideoRequestTime;
    public Long lastVideoBufferMs;
    public Integer lastVideoObjectMs;
    public Double lastVideoPlaybackRate;
    public long estimatedStarvationMs;
    public int unestimatedStarvations;
    public long lastEstimatedStallMs;
    public boolean requestStallPending;

    // v2: values the player reported directly (CMCD v2).
    public Long reportedStartupMs;
    public Long reportedStarvations;
    public Long reportedStarvationMs;
    public int endedStarvationsRequestMode;
    public long endedStarvationMsRequestMode;
    public int endedStarvationsEventMode;
    public long endedStarvationMsEventMode;
    public Long droppedFrames;
    public Long playheadMs;
    public Long liveLatencyMs;
    public boolean backgrounded;
    public String currentContentId;
    public int contentChanges;
    public int playerErrors;

    // v2: samples the previous release buffered (qoe-pending-samples) may remain for this playback.
    public boolean previousReleaseSamples;

    public PlaybackSessionState() {}

    /** An independent copy: every field is a primitive, an immutable value or an enum. */
    public PlaybackSessionState copy() {
        try {
            return (PlaybackSessionState) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
