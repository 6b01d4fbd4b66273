package io.reelstream.udfs.recs;

import io.reelstream.udfs.covisit.CovisitParams;
import io.reelstream.udfs.covisit.NextTitleCounts;
import io.reelstream.udfs.recs.model.RecsSettings;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.reelstream.udfs.recs.RecsFixtures.MINUTE;
import static io.reelstream.udfs.recs.RecsFixtures.T0;
import static io.reelstream.udfs.recs.RecsFixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The job's "what members start next" (the member side's successions → {@link CovisitMessage}s,
 * applied in any order to {@link TitleCovisit} per show, state written and read back after every
 * message) against the replay's {@link NextTitleCounts} fed with the replay's rule (a member's
 * first interaction with a title, if positive, follows their previous such title): the same
 * probabilities.
 */
class DistributedNextShowsTest {

    private static final int TITLES = 30;

    record Event(String member, int title, float weight, long time) {}

    @Test
    void publishesTheReplaysProbabilitiesWhateverTheOrderMessagesArriveIn() throws Exception {
        Random random = new Random(17);
        List<Event> log = sequencedLog(random);
        RecsSettings settings = RecsFixtures.settings();
        CovisitParams params = settings.covisit();

        List<CovisitMessage> successions = successionsOfTheMemberSide(settings, log);
        Collections.shuffle(successions, random);
        Map<String, TitleCovisitState> titles = new HashMap<>();
        for (CovisitMessage message : successions) {
            TitleCovisit title = TitleCovisit.restore(params, titles.get(message.showId()));
            title.apply(message);
            titles.put(message.showId(), title.toState(SimilarList.EMPTY));
        }
        NextTitleCounts reference = replayRule(params, log);

        long later = T0 + 30 * 24 * 60 * MINUTE; // after every event of the log
        int compared = 0;
        for (int s = 0; s < TITLES; s++) {
            SimilarList next =
                    TitleCovisit.restore(params, titles.get(id(s))).topSuccessors(TITLES);
            Set<String> expected = new HashSet<>();
            for (int t = 0; t < TITLES; t++) {
                if (reference.probability(s, t, later) > 0) {
                    expected.add(id(t));
                }
            }
            assertThat(next.neighbours()).as("successors of %d", s).hasSize(expected.size());
            for (int r = 0; r < next.size(); r++) {
                int t = Integer.parseInt(next.neighbours()[r].substring(1));
                assertThat((double) next.similarities()[r])
                        .as("%d -> %d", s, t)
                        .isCloseTo(reference.probability(s, t, later), within(1e-6));
                if (r > 0) {
                    assertThat(next.similarities()[r])
                            .isLessThanOrEqualTo(next.similarities()[r - 1]);
                }
            }
            compared += next.size();
        }
        assertThat(compared).as("successors compared").isGreaterThan(100);
    }

    private static List<CovisitMessage> successionsOfTheMemberSide(
            RecsSettings settings, List<Event> log) throws Exception {
        try (KeyedBroadcastOperatorTestHarness<
                        String, Interaction, MemberSideBroadcast, CandidateSet>
                harness =
                        new KeyedBroadcastOperatorTestHarness<>(
                                new CoBroadcastWithKeyedOperator<>(
                                        new UserFactorFunction(settings, 4),
                                        List.of(
                                                UserFactorFunction.ITEM_REPLICA,
                                                UserFactorFunction.CATALOG_SHOWS)),
                                Interaction::userId,
                                Types.STRING,
                                1,
                                1,
                                0)) {
            harness.open();
            for (Event e : log) {
                harness.processElement(
                        interaction(e.member(), id(e.title()), e.weight(), e.time()), e.time());
            }
            List<CovisitMessage> successions = new ArrayList<>();
            for (StreamRecord<CovisitMessage> record :
                    harness.getSideOutput(UserFactorFunction.COVISIT)) {
                if (record.getValue().hasSuccessor()) {
                    successions.add(record.getValue());
                }
            }
            return successions;
        }
    }

    private static NextTitleCounts replayRule(CovisitParams params, List<Event> log) {
        NextTitleCounts counts = new NextTitleCounts(params.candidates(), params.halfLifeMs());
        Map<String, Set<Integer>> seen = new HashMap<>();
        Map<String, Integer> last = new HashMap<>();
        for (Event e : log) {
            boolean novel = seen.computeIfAbsent(e.member(), m -> new HashSet<>()).add(e.title());
            if (novel && e.weight() > 0) {
                Integer previous = last.put(e.member(), e.title());
                if (previous != null) {
                    counts.learn(previous, e.title(), e.time());
                }
            }
        }
        return counts;
    }

    /**
     * 80 members, 12 interactions each over days: mostly the next title of a chain (t → t + 1),
     * sometimes a jump, a repeat or an abandonment (negative); members interleaved in time.
     */
    private static List<Event> sequencedLog(Random random) {
        List<Event> log = new ArrayList<>();
        for (int m = 0; m < 80; m++) {
            int title = random.nextInt(TITLES);
            long time = T0 + random.nextInt(600) * MINUTE;
            for (int i = 0; i < 12; i++) {
                float weight = random.nextInt(6) == 0 ? -0.3f : 1f + random.nextInt(2);
                log.add(new Event("m" + m, title, weight, time));
                time += (1 + random.nextInt(90)) * MINUTE;
                int step = random.nextInt(10);
                title =
                        step < 6
                                ? (title + 1) % TITLES
                                : step < 8 ? random.nextInt(TITLES) : title; // title: a repeat
            }
        }
        log.sort(Comparator.comparingLong(Event::time));
        return log;
    }

    private static String id(int title) {
        return "s" + title;
    }
}
