package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlayerState;

/**
 * Keyed state of one open playback (a Flink POJO, so fields may be added with schema evolution;
 * {@code v} versions the meaning). Mutated only by {@link PlaybackSession}.
 */
public class PlaybackSessionState {

    public static final int CURRENT_VERSION = 1;

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

    public PlaybackSessionState() {}
}
