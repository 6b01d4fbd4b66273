package io.reelstream.udfs.qoe.cmcd;

import io.reelstream.schemas.cmcd.CmcdPayload;
import io.reelstream.schemas.events.PlayerState;
import io.reelstream.udfs.qoe.CmcdSignals;

import java.util.Map;

/**
 * Reads what a CMCD report says about the player: its state, only from the v2 {@code sta} token,
 * and its other QoE signals. A v1 request has no state: {@code bs} is retrospective (the buffer
 * starved at some point since the prior request, CTA-5004 section 3.3), not "rebuffering now".
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

    /** The state of a {@code sta} token, or {@code null} if the token is unknown. */
    public static PlayerState of(String sta) {
        return STA.get(sta);
    }

    /** The signals of a report other than its state. */
    public static CmcdSignals signals(CmcdPayload cmcd, boolean eventMode) {
        return new CmcdSignals(
                eventMode,
                eventMode ? cmcd.e() : null,
                cmcd.sn(),
                cmcd.su(),
                cmcd.bs(),
                cmcd.msd(),
                cmcd.bsa(),
                cmcd.bsda(),
                cmcd.bsdSum(),
                cmcd.bsdCount(),
                cmcd.dfa(),
                cmcd.pt(),
                cmcd.ltc(),
                cmcd.bg(),
                cmcd.d(),
                cmcd.ot(),
                cmcd.pr() == null ? null : cmcd.pr().doubleValue(),
                cmcd.ec());
    }
}
