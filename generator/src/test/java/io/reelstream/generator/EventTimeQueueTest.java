package io.reelstream.generator;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventTimeQueueTest {

    /** A naive reference item: a mutable time and a unique number. */
    private static final class Item {
        final long number;
        long time;

        Item(long number, long time) {
            this.number = number;
            this.time = time;
        }
    }

    @Test
    void ordersLikeAPriorityQueueByTimeThenNumberUnderAddsMovesAndRemoves() {
        SplittableRandom random = new SplittableRandom(7);
        EventTimeQueue<Item> queue = new EventTimeQueue<>();
        PriorityQueue<Item> reference =
                new PriorityQueue<>(
                        Comparator.<Item>comparingLong(i -> i.time)
                                .thenComparingLong(i -> i.number));
        List<Long> seen = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        long numbers = 0;
        for (int step = 0; step < 200_000; step++) {
            int op = queue.isEmpty() ? 0 : random.nextInt(3);
            if (op == 0) {
                // few distinct times, so that ties by number are common
                Item item = new Item(numbers++, random.nextInt(500));
                queue.add(item, item.time, item.number);
                reference.add(item);
            } else if (op == 1) {
                Item head = queue.peek();
                seen.add(head.number);
                Item expectedHead = reference.poll();
                expected.add(expectedHead.number);
                assertEquals(expectedHead.time, queue.headTime());
                head.time += random.nextInt(50);
                queue.moveHead(head.time);
                reference.add(head);
            } else {
                seen.add(queue.peek().number);
                expected.add(reference.poll().number);
                queue.removeHead();
            }
            assertEquals(reference.size(), queue.size());
        }
        assertEquals(expected, seen);
        assertTrue(seen.size() > 100_000, "the run exercised the queue: " + seen.size());
    }
}
