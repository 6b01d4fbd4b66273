package io.reelstream.udfs.continuewatching;

import io.reelstream.schemas.events.PlaybackEvent;

import org.apache.flink.api.java.functions.KeySelector;

/** Keys playback events by member account: the continue-watching row is per user. */
public final class PlaybackUserKey implements KeySelector<PlaybackEvent, String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(PlaybackEvent event) {
        return event.userId();
    }
}
