package io.reelstream.udfs.qoe;

/**
 * Per cohort and metric keyed state: the learned baseline and the open alert, if any (a Flink POJO;
 * {@code v} versions it).
 */
public class MetricTrack {

    public static final int CURRENT_VERSION = 1;

    public int v = CURRENT_VERSION;
    public HoltBaseline baseline = new HoltBaseline();
    public boolean open;
    public long openedAt;
    public String alertId;
    public int healthyWindows;
    public double lastValue;
    public double lastForecast;
    public double lastBand;
    public long lastSessions;

    public MetricTrack() {}
}
