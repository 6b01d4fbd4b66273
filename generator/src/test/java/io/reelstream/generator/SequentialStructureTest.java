package io.reelstream.generator;

import io.reelstream.generator.ViewingSessions.Viewing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What members watch next: franchise successors after a finished franchise show and companions
 * after their pair, measured on the traffic against each member cluster's base rate, and gone when
 * the knobs are 0.
 */
class SequentialStructureTest {

    private static final int RECORDS = 500_000;

    private static TrafficGenerator structured;
    private static TrafficGenerator flat;
    private static Map<String, List<Viewing>> structuredSessions;
    private static Map<String, List<Viewing>> flatSessions;

    /** Few members at a low rate, so each has a few dozen sessions in a row. */
    private static GeneratorConfig.Builder sparse() {
        return GeneratorConfig.builder()
                .seed(11)
                .users(150)
                .titles(1200)
                .clusters(6)
                .eventsPerSecond(60)
                .speedUp(60)
                .malformedShare(0);
    }

    @BeforeAll
    static void generate() {
        structured = new TrafficGenerator(sparse().build());
        structuredSessions = ViewingSessions.byMember(structured, RECORDS);
        flat =
                new TrafficGenerator(
                        sparse().followUpProbability(0).companionProbability(0).build());
        flatSessions = ViewingSessions.byMember(flat, RECORDS);
    }

    @Test
    void shouldPickTheFranchiseSuccessorAfterAFinishedFranchiseMovie() {
        Rate rate = followUps(structured, structuredSessions);
        Rate without = followUps(flat, flatSessions);

        assertThat(rate.events()).isGreaterThan(100);
        assertThat(rate.observed()).isGreaterThan(0.3);
        assertThat(rate.observed()).isGreaterThan(8 * rate.base());
        assertThat(without.events()).isGreaterThan(100);
        assertThat(without.observed()).isLessThan(3 * without.base());
    }

    @Test
    void shouldPickTheCompanionAfterPlayingItsPair() {
        Rate rate = companionsPicked(structured, structuredSessions);
        Rate without = companionsPicked(flat, flatSessions);

        assertThat(rate.events()).isGreaterThan(100);
        assertThat(rate.observed()).isGreaterThan(0.15);
        assertThat(rate.observed()).isGreaterThan(8 * rate.base());
        assertThat(without.observed()).isLessThan(3 * without.base());
    }

    @Test
    void shouldMakeCompanionsFollowEachOtherFarAboveIndependence() {
        assertThat(companionLift(structured, structuredSessions)).isGreaterThan(5);
        assertThat(companionLift(flat, flatSessions)).isLessThan(2);
    }

    @Test
    void shouldGiveTheSameTrafficForASeed() {
        GeneratorConfig config = sparse().build();
        java.util.Iterator<GeneratedRecord> again = new TrafficGenerator(config);
        new TrafficGenerator(config)
                .stream()
                        .limit(200_000)
                        .forEach(
                                r -> {
                                    GeneratedRecord other = again.next();
                                    assertThat(other.value()).isEqualTo(r.value());
                                    assertThat(other.eventTime()).isEqualTo(r.eventTime());
                                });
    }

    @Test
    void shouldKeepMembersMostlyInTheirPlantedCluster() {
        long inCluster = 0;
        long sessions = 0;
        for (List<Viewing> viewings : structuredSessions.values()) {
            for (Viewing v : viewings) {
                sessions++;
                inCluster +=
                        structured.members().clusterOfUser(v.userId()) == v.show().cluster()
                                ? 1
                                : 0;
            }
        }
        assertThat((double) inCluster / sessions).isGreaterThan(0.75);
    }

    /** After a session completing a movie with a successor, is the next session's show it. */
    private static Rate followUps(TrafficGenerator generator, Map<String, List<Viewing>> sessions) {
        Franchises franchises = generator.catalog().franchises();
        return transitions(
                generator,
                sessions,
                v -> v.completedMovie() ? franchises.successor(v.show()) : Optional.empty());
    }

    /** After a session playing a show with a companion (and no follow-up due), is it next. */
    private static Rate companionsPicked(
            TrafficGenerator generator, Map<String, List<Viewing>> sessions) {
        Catalog catalog = generator.catalog();
        return transitions(
                generator,
                sessions,
                v ->
                        catalog.franchises().successor(v.show()).isPresent()
                                ? Optional.empty()
                                : catalog.companions().of(v.show()));
    }

    /**
     * Share of consecutive sessions whose second show is {@code expected} of the first, and the
     * share of that show among all sessions of the member's planted cluster (the base rate).
     */
    private static Rate transitions(
            TrafficGenerator generator,
            Map<String, List<Viewing>> sessions,
            Function<Viewing, Optional<Show>> expected) {
        Map<Integer, Map<String, Integer>> showsPerCluster = new HashMap<>();
        Map<Integer, Integer> sessionsPerCluster = new HashMap<>();
        for (List<Viewing> viewings : sessions.values()) {
            for (Viewing v : viewings) {
                int cluster = generator.members().clusterOfUser(v.userId());
                showsPerCluster
                        .computeIfAbsent(cluster, c -> new HashMap<>())
                        .merge(v.show().showId(), 1, Integer::sum);
                sessionsPerCluster.merge(cluster, 1, Integer::sum);
            }
        }
        int events = 0;
        int hits = 0;
        double base = 0;
        for (List<Viewing> viewings : sessions.values()) {
            for (int i = 0; i + 1 < viewings.size(); i++) {
                Optional<Show> next = expected.apply(viewings.get(i));
                if (next.isEmpty()) {
                    continue;
                }
                int cluster = generator.members().clusterOfUser(viewings.get(i).userId());
                events++;
                hits += viewings.get(i + 1).show().equals(next.get()) ? 1 : 0;
                base +=
                        showsPerCluster.get(cluster).getOrDefault(next.get().showId(), 0)
                                / (double) sessionsPerCluster.get(cluster);
            }
        }
        return new Rate(events, (double) hits / events, base / events);
    }

    /**
     * Consecutive sessions of a member that played the two shows of a companion pair (either
     * order), over the count expected if each session drew its show independently from its member
     * cluster's sessions.
     */
    private static double companionLift(
            TrafficGenerator generator, Map<String, List<Viewing>> sessions) {
        Map<Integer, Map<String, Integer>> showsPerCluster = new HashMap<>();
        Map<Integer, Integer> sessionsPerCluster = new HashMap<>();
        Map<Integer, Integer> adjacentPerCluster = new HashMap<>();
        Companions companions = generator.catalog().companions();
        int observed = 0;
        for (List<Viewing> viewings : sessions.values()) {
            int cluster = generator.members().clusterOfUser(viewings.get(0).userId());
            for (int i = 0; i < viewings.size(); i++) {
                Show show = viewings.get(i).show();
                showsPerCluster
                        .computeIfAbsent(cluster, c -> new HashMap<>())
                        .merge(show.showId(), 1, Integer::sum);
                sessionsPerCluster.merge(cluster, 1, Integer::sum);
                if (i > 0) {
                    adjacentPerCluster.merge(cluster, 1, Integer::sum);
                    Optional<Show> companion = companions.of(viewings.get(i - 1).show());
                    observed += companion.isPresent() && companion.get().equals(show) ? 1 : 0;
                }
            }
        }
        double expected = 0;
        for (Map.Entry<Integer, Integer> adjacent : adjacentPerCluster.entrySet()) {
            Map<String, Integer> shows = showsPerCluster.get(adjacent.getKey());
            double n = sessionsPerCluster.get(adjacent.getKey());
            for (List<Show> pair : companions.pairs()) {
                double a = shows.getOrDefault(pair.get(0).showId(), 0) / n;
                double b = shows.getOrDefault(pair.get(1).showId(), 0) / n;
                expected += adjacent.getValue() * 2 * a * b;
            }
        }
        return observed / expected;
    }

    /** {@code events} conditioning sessions, the share followed by the expected show, base rate. */
    private record Rate(int events, double observed, double base) {}
}
