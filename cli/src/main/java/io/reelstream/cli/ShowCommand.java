package io.reelstream.cli;

import io.reelstream.serving.ContinueWatching;
import io.reelstream.serving.ContinueWatchingEntry;
import io.reelstream.serving.FeatureSet;
import io.reelstream.serving.Recommendation;
import io.reelstream.serving.ServingClient;
import io.reelstream.serving.SimilarTitle;
import io.reelstream.serving.UserFeatures;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code reelstream show}: prints what a serving layer would read from Cassandra. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Read the serving tables in Cassandra as a serving layer would.",
        subcommands = {ShowCommand.User.class, ShowCommand.Similar.class})
public final class ShowCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("Use: reelstream show user <id> | reelstream show similar <show-id>");
    }

    /** The reads' consistency level, one option shared by the subcommands. */
    static final class ReadConsistency {
        @Option(
                names = "--read-consistency",
                defaultValue = "LOCAL_QUORUM",
                description =
                        "Consistency of the reads (default: ${DEFAULT-VALUE}, as"
                                + " ServingClient.DEFAULT_READ_CONSISTENCY). With replication"
                                + " factor 2 LOCAL_QUORUM needs both replicas: LOCAL_ONE keeps"
                                + " answering while one node is down. ANN search always reads"
                                + " at ONE.")
        DefaultConsistencyLevel level;
    }

    /** {@code show user <id>}: features, continue watching and recommendations of one member. */
    @Command(name = "user", mixinStandardHelpOptions = true, description = "Show one member.")
    static final class User implements Callable<Integer> {
        @Mixin CassandraTarget target;
        @Mixin ReadConsistency read;

        @Parameters(index = "0", paramLabel = "USER_ID", description = "Member id, e.g. u-42.")
        String userId;

        @Override
        public Integer call() throws Exception {
            try (ServingClient client =
                    ServingClient.connect(
                            target.contactPoint(),
                            target.datacenter,
                            target.keyspace(),
                            read.level)) {
                PrintStream out = System.out;
                out.println("Member " + userId);
                printFeatures(out, client.userFeatures(userId));
                printContinueWatching(out, client.continueWatching(userId));
                printRecommendations(out, client.recommendations(userId));
            }
            return 0;
        }
    }

    /**
     * {@code show similar <show>}: shows "watched together" with it (co-visitation, similar_titles)
     * and shows "close in taste" (ANN over item factors, the SAI index).
     */
    @Command(
            name = "similar",
            mixinStandardHelpOptions = true,
            description =
                    "Show titles similar to a show: watched together (co-visitation) and close in"
                            + " taste (ANN over item factors).")
    static final class Similar implements Callable<Integer> {
        @Mixin CassandraTarget target;
        @Mixin ReadConsistency read;

        @Parameters(index = "0", paramLabel = "SHOW_ID", description = "Show id, e.g. s-17.")
        String showId;

        @Option(names = "-k", defaultValue = "10", description = "How many of each (default: 10).")
        int k;

        @Override
        public Integer call() throws Exception {
            try (ServingClient client =
                    ServingClient.connect(
                            target.contactPoint(),
                            target.datacenter,
                            target.keyspace(),
                            read.level)) {
                printSimilar(
                        System.out,
                        "Watched together with " + showId + " (co-visitation):",
                        client.watchedTogether(showId, k),
                        "(none yet: no member has watched it with another show)");
                printSimilar(
                        System.out,
                        "Close in taste to " + showId + " (item factors):",
                        client.similarTitles(showId, k),
                        "(none yet: the show has no item factors)");
            }
            return 0;
        }
    }

    static void printSimilar(
            PrintStream out, String heading, List<SimilarTitle> similar, String whenEmpty) {
        out.println(heading);
        if (similar.isEmpty()) {
            out.println("  " + whenEmpty);
        }
        int rank = 1;
        for (SimilarTitle title : similar) {
            out.printf(
                    "  %2d. %-12s similarity %.3f%n", rank++, title.showId(), title.similarity());
        }
    }

    static void printFeatures(PrintStream out, Optional<UserFeatures> features) {
        if (features.isEmpty() || features.get().featureSets().isEmpty()) {
            out.println("  Features: none yet");
            return;
        }
        for (FeatureSet set : features.get().featureSets()) {
            out.printf("  Features %s v%d (as of %s)%n", set.name(), set.version(), set.asOf());
            for (int i = 0; i < set.names().size() && i < set.values().size(); i++) {
                out.printf("    %-40s %12.3f%n", set.names().get(i), set.values().get(i));
            }
        }
    }

    static void printContinueWatching(PrintStream out, Optional<ContinueWatching> row) {
        if (row.isEmpty() || row.get().entries().isEmpty()) {
            out.println("  Continue watching: empty");
            return;
        }
        out.printf("  Continue watching (%d):%n", row.get().entries().size());
        int rank = 1;
        for (ContinueWatchingEntry e : row.get().entries()) {
            out.printf(
                    "    %2d. %-12s %-10s %3.0f%% at %s of %s, last watched %s on %s%n",
                    rank++,
                    e.titleId(),
                    e.seriesId() == null ? "" : "(" + e.seriesId() + ")",
                    e.progress() * 100,
                    clock(e.positionMs()),
                    clock(e.runtimeMs()),
                    e.lastWatched(),
                    e.device());
        }
    }

    static void printRecommendations(PrintStream out, List<Recommendation> recommendations) {
        if (recommendations.isEmpty()) {
            out.println("  Recommendations: none yet");
            return;
        }
        Recommendation first = recommendations.get(0);
        out.printf(
                "  Recommendations (ranked by %s, MF model %d, generated %s):%n",
                first.ranker() == null ? "MF" : first.ranker(),
                first.modelVersion(),
                first.generatedAt());
        for (Recommendation r : recommendations) {
            out.printf(
                    "    %2d. %-12s score %.3f  %s%n",
                    r.rank(), r.showId(), r.score(), String.join("+", r.sources()));
        }
    }

    private static String clock(long millis) {
        Duration d = Duration.ofMillis(millis);
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
