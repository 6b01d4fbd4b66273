package io.reelstream.udfs.qoe.cmcd;

import io.reelstream.schemas.events.PlayerState;

import java.util.Map;

/**
 * Maps a CMCD report to a player state: the v2 {@code sta} token when present, otherwise the v1
 * signals (buffer starvation {@code bs} means rebuffering, {@code su} means startup, else playing).
 */
public final class CmcdPlayerStates {

    /** CTA-5004 v2 {@code sta} tokens. */
    private static final Map<String, PlayerState> STA =
            Map.of(
                    "s", PlayerState.STARTING,
                    "p", PlayerState.PLAYING,
                    "k", PlayerState.SEEKING,
                    "r", PlayerState.REBUFFERING,
                    "a", PlayerState.PAUSED,
                    "w", PlayerState.WAITING,
                    "e", PlayerState.ENDED,
                    "f", PlayerState.FATAL_ERROR,
                    "q", PlayerState.QUIT);

    private CmcdPlayerStates() {}

    /** The state of the report, or {@code null} if {@code sta} holds an unknown token. */
    public static PlayerState of(CmcdPayload cmcd) {
        if (cmcd.sta() != null) {
            return STA.get(cmcd.sta());
        }
        if (Boolean.TRUE.equals(cmcd.bs())) {
            return PlayerState.REBUFFERING;
        }
        if (Boolean.TRUE.equals(cmcd.su())) {
            return PlayerState.STARTING;
        }
        return PlayerState.PLAYING;
    }
}
