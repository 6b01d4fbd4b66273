package io.reelstream.udfs.traininglog;

import io.reelstream.udfs.recs.Interaction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemberSampleTest {

    @Test
    void keepsAboutTheShareOfMembersAndAllRecordsOfAKeptMember() throws Exception {
        MemberSample<Interaction> sample = new MemberSample<>(Interaction::userId, 0.2);
        int kept = 0;
        for (int m = 0; m < 20_000; m++) {
            String member = "member-" + m;
            boolean first = sample.filter(new Interaction(1, member, "s1", 1f, 1L));
            boolean second = sample.filter(new Interaction(1, member, "s2", 2f, 99L));
            assertThat(second).as("a member is in or out as a whole").isEqualTo(first);
            kept += first ? 1 : 0;
        }
        assertThat(kept / 20_000.0).isBetween(0.19, 0.21);
    }

    @Test
    void keepsEveryoneAtShareOneAndNestsSmallerShares() throws Exception {
        MemberSample<Interaction> all = new MemberSample<>(Interaction::userId, 1.0);
        assertThat(all.filter(new Interaction(1, "anyone", "s", 1f, 1L))).isTrue();
        for (int m = 0; m < 1_000; m++) {
            if (MemberSample.includes("m" + m, 0.1)) {
                assertThat(MemberSample.includes("m" + m, 0.5)).isTrue();
            }
        }
        assertThatThrownBy(() -> new MemberSample<>(Interaction::userId, 0.0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
