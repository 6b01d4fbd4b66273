package io.reelstream.benchmarks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateGrowthScheduleTest {

    private static final long START = 1_790_000_000_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long SPACING = Duration.ofMinutes(5).toMillis();

    /**
     * 2,000 members over 2 days: one step every 86.4 s, so a member's events are 3-4 steps apart.
     */
    private static StateGrowthSchedule schedule(int splits) {
        return new StateGrowthSchedule(2_000, 3, START, 2 * DAY, SPACING, DAY / 4, splits);
    }

    @Test
    void shouldEmitEveryEventOnceWhateverTheSplits() {
        for (int splits : new int[] {1, 2, 3}) {
            StateGrowthSchedule s = schedule(splits);
            Set<Long> order = new HashSet<>();
            for (long i = 0; i < s.events(); i++) {
                order.add(s.globalOrder(i));
            }
            assertThat(s.events() % splits).isZero();
            assertThat(order).hasSize((int) s.events());
            assertThat(order).allMatch(g -> g >= 0 && g < s.events());
        }
    }

    @Test
    void shouldMoveEverySplitThroughEventTimeInStep() {
        StateGrowthSchedule s = schedule(2);
        long perSplit = s.events() / 2;
        long previous = Long.MIN_VALUE;
        for (long k = 0; k < perSplit; k++) {
            long first = s.slot(k).eventTime();
            long second = s.slot(perSplit + k).eventTime();
            // the two readers emit their k-th records at (nearly) the same event time
            assertThat(Math.abs(first - second)).isLessThanOrEqualTo(s.timeOfStep(1) - START);
            // and each reader's records never go back in time
            assertThat(first).isGreaterThanOrEqualTo(previous);
            previous = first;
        }
    }

    @Test
    void shouldGiveEachMemberASessionOfEventsSpacingApart() {
        StateGrowthSchedule s = schedule(2);
        Map<Long, List<StateGrowthSchedule.Slot>> byMember = new HashMap<>();
        for (long i = 0; i < s.events(); i++) {
            StateGrowthSchedule.Slot slot = s.slot(i);
            byMember.computeIfAbsent(slot.member(), m -> new ArrayList<>()).add(slot);
        }
        for (long m = 0; m < 2_000; m++) {
            List<StateGrowthSchedule.Slot> session = byMember.get(m);
            assertThat(session).hasSize(3);
            session.sort((a, b) -> Integer.compare(a.ordinal(), b.ordinal()));
            for (int j = 1; j < 3; j++) {
                long gap = session.get(j).eventTime() - session.get(j - 1).eventTime();
                assertThat(gap).isBetween(SPACING - 90_000, SPACING + 90_000);
            }
        }
        // members already watching when the run starts have a negative index, a valid number
        assertThat(byMember.keySet()).allMatch(m -> s.memberNumber(m) >= 0);
        assertThat(byMember.keySet().stream().mapToLong(Long::longValue).min().getAsLong())
                .isEqualTo(-2 * s.lag());
    }

    @Test
    void shouldCountMembersSeenLikeTheGeneratedEvents() {
        StateGrowthSchedule s = schedule(2);
        List<StateGrowthSchedule.Slot> slots = new ArrayList<>();
        for (long i = 0; i < s.events(); i++) {
            slots.add(s.slot(i));
        }
        for (long t :
                new long[] {
                    START - 1,
                    START,
                    START + 60_000,
                    START + 10 * 60_000,
                    START + DAY,
                    s.endMs(),
                    s.endMs() + DAY / 8
                }) {
            Set<Long> seen = new HashSet<>();
            for (StateGrowthSchedule.Slot slot : slots) {
                if (slot.eventTime() <= t) {
                    seen.add(slot.member());
                }
            }
            assertThat(s.membersSeenBy(t)).as("members seen by %d", t).isEqualTo(seen.size());
        }
    }

    @Test
    void shouldSpreadTheSessionStartsOverTheSpan() {
        StateGrowthSchedule s = schedule(1);
        assertThat(s.timeOfStep(0)).isEqualTo(START);
        assertThat(s.timeOfStep(2_000)).isEqualTo(START + 2 * DAY);
        assertThat(s.endMs()).isEqualTo(START + 2 * DAY);
        assertThat(s.membersSeenBy(s.endMs() - 1)).isEqualTo(2_000 + 2 * s.lag());
    }

    @Test
    void shouldRejectSessionsOfOneEvent() {
        assertThatThrownBy(() -> new StateGrowthSchedule(10, 1, START, DAY, SPACING, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
