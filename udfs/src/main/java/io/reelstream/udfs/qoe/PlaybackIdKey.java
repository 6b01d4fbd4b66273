package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.QoeEvent;

import org.apache.flink.api.java.functions.KeySelector;

/** Keys QoE samples by playback session, the unit of every per-playback metric. */
public class PlaybackIdKey implements KeySelector<QoeEvent, String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(QoeEvent sample) {
        return sample.playbackId();
    }
}
