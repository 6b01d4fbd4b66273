package io.reelstream.schemas.qoe;

/**
 * A cohort metric alert (contract {@code qoe-alert}, version {@link #CURRENT_VERSION}). An alert is
 * emitted once as OPEN and once as RESOLVED, both with the same {@code alertId} and {@code
 * openedAt}.
 *
 * @param alertId {@code cohort/metric/openedAt}
 * @param openedAt end of the window that opened the alert, epoch ms
 * @param eventTime end of the window that produced this record, epoch ms
 * @param resolvedAt equal to {@code eventTime} when RESOLVED, else {@code null}
 * @param value metric value in the window (for RESOLVED: the last evaluated value)
 * @param baseline forecast of the learned baseline for the window
 * @param band allowed rise above the baseline
 * @param sessions sessions in the window
 */
public record QoeAlert(
        int v,
        String alertId,
        String cohort,
        QoeMetric metric,
        AlertState state,
        long openedAt,
        long eventTime,
        Long resolvedAt,
        double value,
        double baseline,
        double band,
        long sessions)
        implements KafkaKeyed {

    public static final int CURRENT_VERSION = 1;

    @Override
    public String kafkaKey() {
        return alertId;
    }

    @Override
    public long kafkaTimestamp() {
        return eventTime;
    }
}
