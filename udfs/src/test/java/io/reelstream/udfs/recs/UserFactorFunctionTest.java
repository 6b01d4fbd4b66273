package io.reelstream.udfs.recs;

import io.reelstream.udfs.ranker.CandidateSource;
import io.reelstream.udfs.ranker.RankerFeatures;
import io.reelstream.udfs.recs.model.RecsSettings;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.reelstream.udfs.recs.RecsFixtures.T0;
import static io.reelstream.udfs.recs.RecsFixtures.interaction;
import static io.reelstream.udfs.recs.RecsFixtures.item;
import static org.assertj.core.api.Assertions.assertThat;

class UserFactorFunctionTest {

    private final RecsSettings settings = RecsFixtures.settings();
    private UserFactorFunction function;
    private KeyedBroadcastOperatorTestHarness<
                    String, Interaction, MemberSideBroadcast, CandidateSet>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void shouldServeTrendingToAColdMemberExcludingWhatTheyWatched() throws Exception {
        harness.setProcessingTime(1_000);
        harness.processBroadcastElement(MemberSideBroadcast.of(item("a", 1f, 10, 900)), 1);
        harness.processBroadcastElement(MemberSideBroadcast.of(item("b", 1f, 5, 900)), 1);
        harness.processBroadcastElement(MemberSideBroadcast.of(item("c", -1f, 1, 900)), 1);

        harness.processElement(interaction("u1", "a", 2f, T0), T0);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        harness.setProcessingTime(1_001);

        CandidateSet set = single(harness.extractOutputValues());
        assertThat(set.showIds()).containsExactly("b", "c");
        assertThat(set.sources()).containsOnly(CandidateSource.TRENDING.bit());
        assertThat(set.memberId()).isEqualTo("u1");
        assertThat(set.decidedAt()).as("the newest interaction learned").isEqualTo(T0);
        assertThat(set.generatedAt()).isEqualTo(1_000L);
        assertThat(harness.getSideOutput(UserFactorFunction.USER_FACTORS)).hasSize(1);
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldSendItemGradientsAndOneInteractionCountToTheItemSide() throws Exception {
        harness.processBroadcastElement(MemberSideBroadcast.of(item("a", 1f, 10, 900)), 1);
        harness.processBroadcastElement(MemberSideBroadcast.of(item("b", -1f, 10, 900)), 1);

        harness.processElement(interaction("u1", "a", 1f, T0), T0);

        List<ItemGradient> gradients =
                harness.getSideOutput(UserFactorFunction.ITEM_GRADIENTS).stream()
                        .map(StreamRecord::getValue)
                        .toList();
        int negatives = settings.hyperparameters().negativesPerUpdate();
        assertThat(gradients).hasSize(2 * negatives + 1);
        assertThat(gradients)
                .filteredOn(ItemGradient::countsInteraction)
                .singleElement()
                .satisfies(g -> assertThat(g.showId()).isEqualTo("a"));
        assertThat(gradients)
                .filteredOn(g -> g.showId().equals("a") && !g.countsInteraction())
                .hasSize(negatives)
                .allSatisfy(g -> assertThat(g.signedG()).isPositive());
        assertThat(gradients)
                .filteredOn(g -> g.showId().equals("b"))
                .hasSize(negatives)
                .allSatisfy(g -> assertThat(g.signedG()).isNegative());
        assertThat(gradients).allSatisfy(g -> assertThat(g.eventTime()).isEqualTo(T0));
    }

    @Test
    void shouldReplayTheMembersEarlierShowsThroughTheItemSide() throws Exception {
        harness.processBroadcastElement(MemberSideBroadcast.of(item("a", 1f, 10, 900)), 1);
        harness.processBroadcastElement(MemberSideBroadcast.of(item("b", -1f, 10, 900)), 1);
        harness.processBroadcastElement(MemberSideBroadcast.of(item("c", 0f, 10, 900)), 1);
        harness.processElement(interaction("u1", "a", 1f, T0), T0);
        int afterFirst = harness.getSideOutput(UserFactorFunction.ITEM_GRADIENTS).size();

        harness.processElement(interaction("u1", "c", 1f, T0 + 1), T0 + 1);

        List<ItemGradient> second =
                harness.getSideOutput(UserFactorFunction.ITEM_GRADIENTS).stream()
                        .skip(afterFirst)
                        .map(StreamRecord::getValue)
                        .toList();
        int negatives = settings.hyperparameters().negativesPerUpdate();
        int replays = settings.hyperparameters().historyReplays();
        assertThat(replays).isPositive();
        assertThat(second).hasSize(2 * (negatives + replays) + 1);
        // the replays prefer the earlier show "a" (the only history) over a sampled other show
        assertThat(second)
                .filteredOn(g -> g.showId().equals("a") && g.signedG() > 0)
                .hasSize(replays);
        // a weak negative takes no replay steps
        int afterSecond = harness.getSideOutput(UserFactorFunction.ITEM_GRADIENTS).size();
        harness.processElement(interaction("u1", "b", -0.3f, T0 + 2), T0 + 2);
        assertThat(harness.getSideOutput(UserFactorFunction.ITEM_GRADIENTS).size() - afterSecond)
                .isEqualTo(2 * negatives);
    }

    @Test
    void shouldDebounceRecomputationPerMember() throws Exception {
        harness.processBroadcastElement(MemberSideBroadcast.of(item("a", 1f, 10, 900)), 1);
        harness.processBroadcastElement(MemberSideBroadcast.of(item("b", 1f, 10, 900)), 1);
        harness.processBroadcastElement(MemberSideBroadcast.of(item("d", 1f, 10, 900)), 1);
        harness.setProcessingTime(10_000);
        harness.processElement(interaction("u1", "a", 1f, T0), T0);
        harness.setProcessingTime(10_000);
        assertThat(harness.extractOutputValues()).hasSize(1);

        harness.setProcessingTime(11_000);
        harness.processElement(interaction("u1", "b", 1f, T0 + 1), T0 + 1);
        harness.processElement(interaction("u1", "c", 1f, T0 + 2), T0 + 2);
        harness.setProcessingTime(14_999);
        assertThat(harness.extractOutputValues()).hasSize(1);

        harness.setProcessingTime(15_000);
        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldProposeTheMembersTasteByMfAndFlagTheBestNewTitleBelowIt() throws Exception {
        for (int i = 0; i < 6; i++) {
            harness.processBroadcastElement(
                    MemberSideBroadcast.of(item("drama-" + i, 1f, 50, 900)), 1);
            harness.processBroadcastElement(
                    MemberSideBroadcast.of(item("comedy-" + i, -1f, 50, 900)), 1);
        }
        harness.processBroadcastElement(MemberSideBroadcast.of(item("new-comedy", -1f, 0, 900)), 1);

        harness.processElement(interaction("u1", "drama-0", 3f, T0), T0);
        harness.processElement(interaction("u1", "drama-1", 3f, T0 + 1), T0 + 1);
        harness.setProcessingTime(1);

        CandidateSet set = single(harness.extractOutputValues());
        List<String> shows = List.of(set.showIds());
        assertThat(set.decidedAt()).isEqualTo(T0 + 1);
        for (String drama : List.of("drama-2", "drama-3", "drama-4", "drama-5")) {
            int c = shows.indexOf(drama);
            assertThat(set.sources()[c] & CandidateSource.MF.bit()).as(drama).isNotZero();
            assertThat(feature(set, c, RankerFeatures.MF_RANK)).as(drama).isBetween(1f, 4f);
            assertThat(set.newTitles()[c]).isFalse();
        }
        int fresh = shows.indexOf("new-comedy");
        assertThat(fresh).as("the best new title joins below the MF top N").isNotNegative();
        assertThat(set.newTitles()[fresh]).isTrue();
        assertThat(feature(set, fresh, RankerFeatures.MF_RANK)).isEqualTo(5f);
        assertThat(shows).doesNotContain("drama-0", "drama-1");
    }

    @Test
    void shouldRestoreReplicaAndMemberModelFromASnapshot() throws Exception {
        harness.processBroadcastElement(MemberSideBroadcast.of(item("a", 1f, 10, 900)), 1);
        harness.processBroadcastElement(MemberSideBroadcast.of(item("b", 1f, 5, 900)), 1);
        harness.processBroadcastElement(MemberSideBroadcast.of(item("c", 1f, 1, 900)), 1);
        harness.processElement(interaction("u1", "a", 1f, T0), T0);
        harness.setProcessingTime(1);
        restartFromSnapshot();
        harness.setProcessingTime(100_000);
        harness.processElement(interaction("u1", "b", 1f, T0 + 1), T0 + 1);
        harness.setProcessingTime(100_001);

        CandidateSet set = single(harness.extractOutputValues());
        // two positives now (history restored): MF proposes, both watched shows are excluded
        assertThat(set.showIds()).containsExactly("c");
        assertThat(set.sources()[0] & CandidateSource.MF.bit()).isNotZero();
    }

    @Test
    void shouldDescribeCandidatesFromTheBroadcastCatalogAlsoAfterARestore() throws Exception {
        long day = 86_400_000L;
        for (String show : List.of("a", "b", "c", "d")) {
            harness.processBroadcastElement(MemberSideBroadcast.of(item(show, 1f, 10, 900)), 1);
        }
        harness.processBroadcastElement(catalog("a", "drama", T0 - 10 * day), 1);
        harness.processBroadcastElement(catalog("b", "drama", T0 - 2 * day), 1);
        // an older version of b: its genres lose, its listing date wins
        harness.processBroadcastElement(catalog("b", "comedy", T0 - 3 * day), 1);
        harness.processBroadcastElement(catalog("c", "comedy", T0 - day), 1);
        harness.processBroadcastElement(catalog("d", "thriller", T0 - day), 1);
        harness.processElement(interaction("u1", "a", 1f, T0), T0);
        harness.setProcessingTime(1);

        CandidateSet before = single(harness.extractOutputValues());
        assertCatalogFeatures(before, 3f, 1f);
        assertThat(harness.getBroadcastState(UserFactorFunction.CATALOG_SHOWS).get("b").listedAt())
                .isEqualTo(T0 - 3 * day);

        restartFromSnapshot();
        harness.setProcessingTime(100_000);
        harness.processElement(interaction("u1", "d", 1f, T0 + day), T0 + day);
        harness.setProcessingTime(100_001);

        // a (drama) and d (thriller) are the recent shows now: half of the mix is drama
        assertCatalogFeatures(single(harness.extractOutputValues()), 4f, 0.5f);
    }

    /** b: listed {@code ageOfB} days before the decision, {@code dramaShare} drama affinity. */
    private static void assertCatalogFeatures(CandidateSet set, float ageOfB, float dramaShare) {
        List<String> shows = List.of(set.showIds());
        int b = shows.indexOf("b");
        int c = shows.indexOf("c");
        assertThat(feature(set, b, RankerFeatures.TITLE_AGE_DAYS)).isEqualTo(ageOfB);
        assertThat(feature(set, b, RankerFeatures.GENRE_AFFINITY)).isEqualTo(dramaShare);
        assertThat(feature(set, c, RankerFeatures.GENRE_AFFINITY)).isZero();
    }

    private static MemberSideBroadcast catalog(String show, String genre, long listedAt) {
        return MemberSideBroadcast.of(
                new CatalogShow(
                        CatalogShow.CURRENT_VERSION,
                        show,
                        new String[] {genre},
                        listedAt,
                        listedAt));
    }

    @Test
    void shouldReportTheOnlineLossFallingAsTheMemberIsLearned() throws Exception {
        harness.processBroadcastElement(MemberSideBroadcast.of(item("a", 1f, 10, 900)), 1);
        harness.processBroadcastElement(MemberSideBroadcast.of(item("b", -1f, 10, 900)), 1);
        assertThat(function.onlineLoss()).isNaN();

        harness.processElement(interaction("u1", "a", 1f, T0), T0);
        double first = function.onlineLoss();
        // an unlearned member scores its first pair as a coin flip, -ln σ(0) = ln 2; the later
        // pairs of the same interaction already see the first steps, so the mean is a bit lower
        assertThat(first).isBetween(0.3, Math.log(2) + 0.01);
        for (int i = 1; i <= 300; i++) {
            harness.processElement(interaction("u1", "a", 1f, T0 + i), T0 + i);
        }
        assertThat(function.onlineLoss()).isPositive().isLessThan(first * 0.8);
    }

    @Test
    void shouldKeepTheNewestReplicaUpdateMeasureStalenessAndRejectWrongDimensions()
            throws Exception {
        harness.setProcessingTime(5_000);
        harness.processBroadcastElement(MemberSideBroadcast.of(item("a", 1f, 10, 4_000)), 1);
        assertThat(function.stalenessMs()).isEqualTo(1_000);
        harness.processBroadcastElement(MemberSideBroadcast.of(item("a", -1f, 99, 3_000)), 1);
        harness.processBroadcastElement(
                MemberSideBroadcast.of(
                        new ItemFactorUpdate(1, "bad", new float[3], 0f, 0, 0, 0, 7, 4_500)),
                1);

        assertThat(
                        harness.getBroadcastState(UserFactorFunction.ITEM_REPLICA)
                                .get("a")
                                .interactions())
                .isEqualTo(10);
        assertThat(harness.getBroadcastState(UserFactorFunction.ITEM_REPLICA).contains("bad"))
                .isFalse();
        assertThat(function.replicaSize()).isEqualTo(1);
    }

    @Test
    void shouldProposeAPartlyWatchedShowAsContinueWatchingUntilTheStateTtl() throws Exception {
        harness.processBroadcastElement(MemberSideBroadcast.of(item("a", 1f, 10, 900)), 1);
        harness.processBroadcastElement(MemberSideBroadcast.of(item("b", 1f, 5, 900)), 1);
        harness.processElement(RecsFixtures.partlyWatched("u1", "a", 0.4f, T0), T0);
        harness.setProcessingTime(1);

        CandidateSet set = single(harness.extractOutputValues());
        int a = java.util.Arrays.asList(set.showIds()).indexOf("a");
        assertThat(a).as("the show in progress is a candidate").isNotNegative();
        assertThat(set.sources()[a]).isEqualTo(CandidateSource.CONTINUE_WATCHING.bit());
        assertThat(
                        set.features()[
                                a * RankerFeatures.COUNT
                                        + RankerFeatures.CONTINUE_WATCHING_PROGRESS])
                .isEqualTo(0.4f);
        assertThat(set.features()[a * RankerFeatures.COUNT + RankerFeatures.MEMBER_PLAYS_1H])
                .isEqualTo(1f);

        harness.setStateTtlProcessingTime(settings.userStateTtlMs() + 10);
        harness.setProcessingTime(settings.userStateTtlMs() + 10);
        harness.processElement(interaction("u1", "b", 1f, T0 + 5), T0 + 5);
        harness.setProcessingTime(settings.userStateTtlMs() + 20);

        CandidateSet afterTtl = harness.extractOutputValues().get(1);
        assertThat(afterTtl.showIds())
                .as("the expired activity no longer proposes a")
                .containsExactly("a");
        assertThat(afterTtl.sources()).containsOnly(CandidateSource.TRENDING.bit());
        assertThat(afterTtl.features()[RankerFeatures.MEMBER_PLAYS_24H]).isEqualTo(1f);
    }

    @Test
    void shouldForgetAMemberAfterTheStateTtl() throws Exception {
        harness.processBroadcastElement(MemberSideBroadcast.of(item("a", 1f, 10, 900)), 1);
        harness.processBroadcastElement(MemberSideBroadcast.of(item("b", 1f, 5, 900)), 1);
        harness.processBroadcastElement(MemberSideBroadcast.of(item("c", 1f, 1, 900)), 1);
        harness.processElement(interaction("u1", "a", 1f, T0), T0);
        harness.processElement(interaction("u1", "b", 1f, T0), T0);
        harness.setProcessingTime(1);
        assertThat(single(harness.extractOutputValues()).sources()[0] & CandidateSource.MF.bit())
                .isNotZero();

        harness.setStateTtlProcessingTime(settings.userStateTtlMs() + 10);
        harness.setProcessingTime(settings.userStateTtlMs() + 10);
        harness.processElement(interaction("u1", "c", 1f, T0 + 5), T0 + 5);
        harness.setProcessingTime(settings.userStateTtlMs() + 20);

        CandidateSet afterTtl = harness.extractOutputValues().get(1);
        assertThat(afterTtl.sources()).containsOnly(CandidateSource.TRENDING.bit());
        assertThat(afterTtl.showIds()).containsExactly("a", "b");
    }

    @Test
    void shouldSendCovisitationChangesWithTheReplicasCounts() throws Exception {
        harness.processBroadcastElement(
                MemberSideBroadcast.of(withCovisitCount(item("a", 1f, 10, 900), 5.0, T0 - 1)), 1);
        harness.processBroadcastElement(MemberSideBroadcast.of(item("b", -1f, 10, 900)), 1);

        harness.processElement(interaction("u1", "a", 1f, T0), T0);
        harness.processElement(interaction("u1", "b", 2f, T0 + 1), T0 + 1);
        harness.processElement(interaction("u1", "c", -0.3f, T0 + 2), T0 + 2); // ignored
        harness.processElement(interaction("u1", "a", 1f, T0 + 5), T0 + 5); // a repeat

        List<CovisitMessage> messages = covisitMessages();
        assertThat(messages).hasSize(4);
        CovisitMessage first = messages.get(0);
        assertThat(first.showId()).isEqualTo("a");
        assertThat(first.countAddedAt()).isEqualTo(T0);
        assertThat(first.pairs()).isZero();
        // b enters: the pair goes to a with b's n (not published yet: the member's own 1) ...
        CovisitMessage toA = messages.get(1);
        assertThat(toA.showId()).isEqualTo("a");
        assertThat(toA.countAddedAt()).isEqualTo(CovisitMessage.NONE);
        assertThat(toA.neighbours()).containsExactly("b");
        assertThat(toA.pairTimes()).containsExactly(T0);
        assertThat(toA.neighbourCounts()).containsExactly(1.0);
        assertThat(toA.neighbourCountsAsOf()).containsExactly(T0 + 1);
        assertThat(toA.neighbourCountsPublishedAt()).containsExactly(CovisitMessage.NONE);
        // ... and to b with b's count and a's n from the replica
        CovisitMessage toB = messages.get(2);
        assertThat(toB.showId()).isEqualTo("b");
        assertThat(toB.countAddedAt()).isEqualTo(T0 + 1);
        assertThat(toB.neighbours()).containsExactly("a");
        assertThat(toB.neighbourCounts()).containsExactly(5.0);
        assertThat(toB.neighbourCountsAsOf()).containsExactly(T0 - 1);
        assertThat(toB.neighbourCountsPublishedAt()).containsExactly(900L);
        // the repeat moves the member's 1 in n(a) from T0 to T0 + 5, without pairs
        CovisitMessage moved = messages.get(3);
        assertThat(moved.showId()).isEqualTo("a");
        assertThat(moved.countRemovedAt()).isEqualTo(T0);
        assertThat(moved.countAddedAt()).isEqualTo(T0 + 5);
        assertThat(moved.pairs()).isZero();
        // user-model, covisit-window and member-activity
        assertThat(keyedStateEntries()).isEqualTo(3);
    }

    @Test
    void shouldRestoreTheCovisitationWindowFromASnapshot() throws Exception {
        harness.processElement(interaction("u1", "a", 1f, T0), T0);
        harness.processElement(interaction("u1", "b", 1f, T0 + 1), T0 + 1);
        harness.setProcessingTime(1);
        restartFromSnapshot();
        harness.processElement(interaction("u1", "c", 1f, T0 + 2), T0 + 2);

        CovisitMessage toC = covisitMessages().get(2);
        assertThat(toC.showId()).isEqualTo("c");
        assertThat(toC.neighbours()).containsExactly("a", "b");
        assertThat(toC.pairTimes()).containsExactly(T0, T0 + 1);
    }

    @Test
    void shouldForgetTheCovisitationWindowAfterTheStateTtl() throws Exception {
        harness.processElement(interaction("u1", "a", 1f, T0), T0);
        harness.setStateTtlProcessingTime(settings.userStateTtlMs() + 10);
        harness.processElement(interaction("u1", "b", 1f, T0 + 1), T0 + 1);

        CovisitMessage toB = covisitMessages().get(1);
        assertThat(toB.showId()).isEqualTo("b");
        assertThat(toB.pairs()).isZero();
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    @Test
    void shouldSendEachNewPositiveShowAsTheSuccessorOfTheMembersPreviousNewShow() throws Exception {
        harness.processElement(interaction("u1", "a", 1f, T0), T0); // the first: no predecessor
        harness.processElement(interaction("u1", "b", 2f, T0 + 1), T0); // a -> b
        harness.processElement(interaction("u1", "a", 1f, T0 + 2), T0); // a again: not new
        harness.processElement(interaction("u1", "c", -0.3f, T0 + 3), T0); // abandoned
        harness.processElement(interaction("u1", "c", 1f, T0 + 4), T0); // not new any more
        harness.processElement(interaction("u2", "d", 1f, T0 + 5), T0); // another member
        assertThat(successions()).containsExactly("a->b@1");

        restartFromSnapshot(); // the last new show is the member's state
        harness.processElement(interaction("u1", "d", 1f, T0 + 6), T0); // b -> d
        harness.processElement(interaction("u2", "b", 1f, T0 + 7), T0); // d -> b

        assertThat(successions()).containsExactly("b->d@6", "d->b@7");
    }

    private List<String> successions() {
        return harness.getSideOutput(UserFactorFunction.COVISIT).stream()
                .map(StreamRecord::getValue)
                .filter(CovisitMessage::hasSuccessor)
                .map(m -> m.showId() + "->" + m.nextShow() + "@" + (m.nextAt() - T0))
                .toList();
    }

    /** The co-visitation messages, without the successions (another test's subject). */
    private List<CovisitMessage> covisitMessages() {
        return harness.getSideOutput(UserFactorFunction.COVISIT).stream()
                .map(StreamRecord::getValue)
                .filter(m -> !m.hasSuccessor())
                .toList();
    }

    private static ItemFactorUpdate withCovisitCount(ItemFactorUpdate u, double n, long asOf) {
        return RecsFixtures.withCovisitation(u, n, asOf, new String[] {"b"}, new float[] {0.5f});
    }

    private KeyedBroadcastOperatorTestHarness<
                    String, Interaction, MemberSideBroadcast, CandidateSet>
            newHarness() throws Exception {
        function = new UserFactorFunction(settings, 4);
        KeyedBroadcastOperatorTestHarness<String, Interaction, MemberSideBroadcast, CandidateSet>
                h =
                        new KeyedBroadcastOperatorTestHarness<>(
                                new CoBroadcastWithKeyedOperator<>(
                                        function,
                                        List.of(
                                                UserFactorFunction.ITEM_REPLICA,
                                                UserFactorFunction.CATALOG_SHOWS)),
                                Interaction::userId,
                                Types.STRING,
                                1,
                                1,
                                0);
        RecsFixtures.disableGenericTypes(h);
        return h;
    }

    /** Snapshots the harness and replaces it with a new one restored from the snapshot. */
    private void restartFromSnapshot() throws Exception {
        OperatorSubtaskState snapshot = harness.snapshot(1L, 2L);
        harness.close();
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
    }

    private static float feature(CandidateSet set, int candidate, int feature) {
        return set.features()[candidate * RankerFeatures.COUNT + feature];
    }

    private static CandidateSet single(List<CandidateSet> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }
}
