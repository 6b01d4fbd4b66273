package io.reelstream.udfs.cassandra.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoalescingBufferTest {

    record Update(String key, long ts, int seq) {}

    @Test
    void shouldKeepOnlyTheNewestUpdatePerKeyLikeANaiveReference() {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            CoalescingBuffer<Update> buffer = new CoalescingBuffer<>();
            Map<String, Update> reference = new HashMap<>();
            int coalesced = 0;
            int updates = 1 + random.nextInt(500);
            for (int i = 0; i < updates; i++) {
                // out of order: timestamps jump back and forth, often collide
                Update u = new Update("k" + random.nextInt(20), random.nextInt(50), i);
                if (buffer.add(u.key(), u.ts(), u)) {
                    coalesced++;
                }
                reference.merge(u.key(), u, (old, neu) -> neu.ts() >= old.ts() ? neu : old);
            }
            assertThat(buffer.size()).isEqualTo(reference.size());
            assertThat(coalesced).isEqualTo(updates - reference.size());
            List<Update> drained = buffer.drain();
            assertThat(drained).containsExactlyInAnyOrderElementsOf(reference.values());
            assertThat(buffer.isEmpty()).isTrue();
        }
    }

    @Test
    void shouldDrainInOrderOfFirstArrivalAndStartEmptyAgain() {
        CoalescingBuffer<String> buffer = new CoalescingBuffer<>();
        buffer.add("b", 1, "b1");
        buffer.add("a", 1, "a1");
        buffer.add("b", 2, "b2");
        buffer.add("a", 0, "a0-older");

        assertThat(buffer.drain()).containsExactly("b2", "a1");
        assertThat(buffer.drain()).isEmpty();
        buffer.add("a", 0, "a0");
        assertThat(buffer.drain()).containsExactly("a0");
    }

    @Test
    void shouldPollTheKeyBufferedLongestWithItsNewestUpdate() {
        CoalescingBuffer<String> buffer = new CoalescingBuffer<>();
        buffer.add("b", 1, "b1");
        buffer.add("a", 1, "a1");
        buffer.add("b", 2, "b2");

        assertThat(buffer.pollEldest()).isEqualTo("b2");
        assertThat(buffer.size()).isEqualTo(1);
        assertThat(buffer.pollEldest()).isEqualTo("a1");
        assertThat(buffer.isEmpty()).isTrue();
        assertThatThrownBy(buffer::pollEldest).isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void shouldPreferTheLaterArrivalOnEqualTimestamps() {
        CoalescingBuffer<String> buffer = new CoalescingBuffer<>();
        buffer.add("k", 5, "first");
        buffer.add("k", 5, "second");
        assertThat(new ArrayList<>(buffer.drain())).containsExactly("second");
    }
}
