package io.reelstream.udfs.recs;

import io.reelstream.udfs.covisit.CovisitWindow;
import io.reelstream.udfs.recs.model.ItemReplica;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Turns the changes of one member's {@link CovisitWindow} into {@link CovisitMessage}s for the
 * title side: one message to the entering (or moved) title with its count change and all its pairs,
 * and one message to each title it paired with. Each pair carries the other title's n from the item
 * replica, so it is as fresh as the replica; a title the replica has no count for yet is sent with
 * the member's own 1 at its window date (a lower bound, replaced by any replica value). Not
 * thread-safe; one per subtask.
 */
public final class CovisitMessages implements CovisitWindow.Changes<String> {

    private final ItemReplica replica;
    private final Consumer<CovisitMessage> out;

    private CovisitWindow<String> window;
    private long addedAt = CovisitMessage.NONE;
    private long removedAt = CovisitMessage.NONE;
    private int pairs;
    private String[] neighbours = new String[8];
    private long[] pairTimes = new long[8];
    private double[] counts = new double[8];
    private long[] countsAsOf = new long[8];
    private long[] publishedAt = new long[8];

    public CovisitMessages(ItemReplica replica, Consumer<CovisitMessage> out) {
        this.replica = replica;
        this.out = out;
    }

    /**
     * Learns one interaction into {@code window} and sends what it changed; returns whether it
     * formed pairs.
     */
    public boolean learn(CovisitWindow<String> into, String showId, float weight, long time) {
        window = into;
        addedAt = CovisitMessage.NONE;
        removedAt = CovisitMessage.NONE;
        pairs = 0;
        boolean paired = into.learn(showId, weight, time, this);
        if (addedAt != CovisitMessage.NONE || removedAt != CovisitMessage.NONE) {
            out.accept(
                    new CovisitMessage(
                            CovisitMessage.CURRENT_VERSION,
                            showId,
                            addedAt,
                            removedAt,
                            Arrays.copyOf(neighbours, pairs),
                            Arrays.copyOf(pairTimes, pairs),
                            Arrays.copyOf(counts, pairs),
                            Arrays.copyOf(countsAsOf, pairs),
                            Arrays.copyOf(publishedAt, pairs),
                            null,
                            CovisitMessage.NONE));
        }
        window = null;
        return paired;
    }

    @Override
    public void countChanged(String show, double weight, long eventTime) {
        if (weight > 0) {
            addedAt = eventTime;
        } else {
            removedAt = eventTime;
        }
    }

    /** c(show, other) joins the show's message; c(other, show) is sent to the other at once. */
    @Override
    public void paired(String show, String other, long pairTime) {
        ensure(pairs + 2);
        neighbours[pairs] = other;
        pairTimes[pairs] = pairTime;
        fillCount(other, window.dateOf(other), pairs++);
        fillCount(show, addedAt, pairs); // scratch slot, not part of the show's message
        out.accept(
                new CovisitMessage(
                        CovisitMessage.CURRENT_VERSION,
                        other,
                        CovisitMessage.NONE,
                        CovisitMessage.NONE,
                        new String[] {show},
                        new long[] {pairTime},
                        new double[] {counts[pairs]},
                        new long[] {countsAsOf[pairs]},
                        new long[] {publishedAt[pairs]},
                        null,
                        CovisitMessage.NONE));
    }

    /** n(show) from the replica into slot {@code i}, or the member's own 1 at {@code dated}. */
    private void fillCount(String show, long dated, int i) {
        int row = replica.rowOf(show);
        if (row >= 0 && replica.covisitCount(row) > 0) {
            counts[i] = replica.covisitCount(row);
            countsAsOf[i] = replica.covisitCountAsOf(row);
            publishedAt[i] = replica.updatedAt(row);
        } else {
            counts[i] = 1.0;
            countsAsOf[i] = dated;
            publishedAt[i] = CovisitMessage.NONE;
        }
    }

    private void ensure(int capacity) {
        if (capacity > neighbours.length) {
            int size = Math.max(capacity, 2 * neighbours.length);
            neighbours = Arrays.copyOf(neighbours, size);
            pairTimes = Arrays.copyOf(pairTimes, size);
            counts = Arrays.copyOf(counts, size);
            countsAsOf = Arrays.copyOf(countsAsOf, size);
            publishedAt = Arrays.copyOf(publishedAt, size);
        }
    }
}
