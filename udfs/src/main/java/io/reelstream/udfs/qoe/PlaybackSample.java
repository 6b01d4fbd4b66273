package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.PlayerState;
import io.reelstream.schemas.events.QoeEvent;

/**
 * One input of the per-playback QoE state machine: a player telemetry sample ({@code cmcd} is
 * {@code null}) or one decoded CMCD report. A CMCD report without {@code sta} has a {@code null}
 * state in {@code event}: it is a request, not a state report.
 *
 * @param event the sample's common fields (ids, time, state if reported, buffer, bitrate, path)
 * @param cmcd the CMCD signals, {@code null} for telemetry
 */
public record PlaybackSample(QoeEvent event, CmcdSignals cmcd) {

    /** Prefix of the event id of every sample decoded from CMCD. */
    public static final String CMCD_EVENT_ID_PREFIX = "cmcd:";

    /** A telemetry sample. */
    public static PlaybackSample telemetry(QoeEvent event) {
        return new PlaybackSample(event, null);
    }

    public long eventTime() {
        return event.eventTime();
    }

    public String playbackId() {
        return event.playbackId();
    }

    /** True if the sample reports a player state (telemetry always does, CMCD with {@code sta}). */
    public boolean reportsState() {
        return event.state() != null;
    }

    /** The same sample with its state removed: its other signals still count. */
    public PlaybackSample withoutState() {
        return withState(null);
    }

    /** The same sample reporting {@code state} ({@code null}: no state). */
    public PlaybackSample withState(PlayerState state) {
        QoeEvent e = event;
        return new PlaybackSample(
                new QoeEvent(
                        e.v(),
                        e.eventId(),
                        e.eventTime(),
                        e.playbackId(),
                        e.userId(),
                        e.titleId(),
                        state,
                        e.bufferMs(),
                        e.bitrateKbps(),
                        e.throughputKbps(),
                        e.cdn(),
                        e.isp(),
                        e.asn(),
                        e.deviceType(),
                        e.country(),
                        state == PlayerState.FATAL_ERROR ? e.errorCode() : null),
                cmcd);
    }

    /** True if the sample came from CMCD. */
    public boolean isCmcd() {
        return cmcd != null;
    }

    /** True if the sample is a CMCD request-mode report. */
    public boolean isCmcdRequest() {
        return cmcd != null && !cmcd.eventMode();
    }
}
