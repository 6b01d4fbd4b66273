package io.reelstream.udfs.recs;

import io.reelstream.udfs.ranker.MemberActivity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemberActivityStateTest {

    private static final double COMPLETION = 0.9;

    @Test
    void theStateRestoresTheSameActivityAndTheRingKeepsEvictingTheOldestPlay() {
        MemberActivity<String> activity =
                new MemberActivity<>(MemberActivity.JOB_PLAYS, MemberActivity.JOB_IN_PROGRESS);
        for (int i = 0; i < MemberActivity.JOB_PLAYS + 5; i++) {
            activity.learn("s" + i, 1f, 0.5f, true, 100L * i, COMPLETION);
        }
        activity.learn("s3", -0.3f, 0.01f, false, 100_000L, COMPLETION); // ended: remembered

        MemberActivity<String> restored =
                MemberActivityState.toActivity(MemberActivityState.of(activity));
        long next = 100L * (MemberActivity.JOB_PLAYS + 5);
        restored.learn("new", 1f, 0.5f, true, next, COMPLETION);
        restored.learn("s3", 1f, 0.5f, true, 50_000L, COMPLETION); // older than its end

        assertThat(restored.playsSince(0)).isEqualTo(MemberActivity.JOB_PLAYS);
        // the ring held plays 5..68 (times 500..6800); the two new plays evicted 500 and 600
        assertThat(restored.playsSince(600)).isEqualTo(MemberActivity.JOB_PLAYS);
        assertThat(restored.inProgressShow(0)).isEqualTo("new");
        assertThat(restored.inProgressCount()).isEqualTo(MemberActivity.JOB_IN_PROGRESS);
        assertThat(restored.lastWatched("s3")).isEqualTo(Long.MIN_VALUE);
        assertThat(restored.lastWeight()).isEqualTo(-0.3f);
        assertThat(restored.lastAt()).isEqualTo(100_000L);
    }

    @Test
    void noStateIsAnEmptyActivity() {
        MemberActivity<String> none = MemberActivityState.toActivity(null);

        assertThat(none.inProgressCount()).isZero();
        assertThat(none.playsSince(Long.MIN_VALUE)).isZero();
        assertThat(none.lastWeight()).isNaN();
    }
}
