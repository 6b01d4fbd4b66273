package io.reelstream.generator;

import java.util.Arrays;

/**
 * Items ordered by an event time, ties by a unique number: a binary min-heap over primitive keys,
 * for the generator's live sessions (ordered by their next record). A million members' sessions in
 * a {@code PriorityQueue} with a comparator chain spent half the generator's CPU following pointers
 * to each session's head record; here a comparison reads {@code long}s from two arrays.
 */
final class EventTimeQueue<T> {

    private long[] times = new long[64];
    private long[] numbers = new long[64];
    private Object[] items = new Object[64];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Event time of the earliest item; only when not empty. */
    long headTime() {
        return times[0];
    }

    /** The earliest item; only when not empty. */
    @SuppressWarnings("unchecked")
    T peek() {
        return (T) items[0];
    }

    /** Adds {@code item} at {@code time}; {@code number} orders equal times and must be unique. */
    void add(T item, long time, long number) {
        if (size == items.length) {
            int capacity = size * 2;
            times = Arrays.copyOf(times, capacity);
            numbers = Arrays.copyOf(numbers, capacity);
            items = Arrays.copyOf(items, capacity);
        }
        siftUp(size++, time, number, item);
    }

    /** Removes the earliest item. */
    void removeHead() {
        size--;
        Object last = items[size];
        long time = times[size];
        long number = numbers[size];
        items[size] = null;
        if (size > 0) {
            siftDown(0, time, number, last);
        }
    }

    /**
     * Moves the earliest item to {@code time}, keeping its number (cheaper than remove and add).
     */
    void moveHead(long time) {
        siftDown(0, time, numbers[0], items[0]);
    }

    private void siftUp(int index, long time, long number, Object item) {
        int at = index;
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!before(time, number, times[parent], numbers[parent])) {
                break;
            }
            place(at, times[parent], numbers[parent], items[parent]);
            at = parent;
        }
        place(at, time, number, item);
    }

    private void siftDown(int index, long time, long number, Object item) {
        int at = index;
        int half = size >>> 1;
        while (at < half) {
            int child = 2 * at + 1;
            int right = child + 1;
            if (right < size
                    && before(times[right], numbers[right], times[child], numbers[child])) {
                child = right;
            }
            if (!before(times[child], numbers[child], time, number)) {
                break;
            }
            place(at, times[child], numbers[child], items[child]);
            at = child;
        }
        place(at, time, number, item);
    }

    private void place(int at, long time, long number, Object item) {
        times[at] = time;
        numbers[at] = number;
        items[at] = item;
    }

    private static boolean before(long time, long number, long otherTime, long otherNumber) {
        return time < otherTime || (time == otherTime && number < otherNumber);
    }
}
