package io.reelstream.udfs.qoe;

import org.apache.flink.api.java.functions.KeySelector;

/** Keys QoE samples by playback (CMCD {@code sid}). */
public class PlaybackIdKey implements KeySelector<PlaybackSample, String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(PlaybackSample sample) {
        return sample.playbackId();
    }
}
