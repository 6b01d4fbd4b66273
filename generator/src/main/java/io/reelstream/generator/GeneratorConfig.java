package io.reelstream.generator;

import java.time.Instant;

/**
 * Everything that shapes the generated traffic. The same config and seed always give the same
 * records, byte for byte.
 *
 * @param seed random seed
 * @param users number of members
 * @param titles number of catalog titles (movies plus episodes)
 * @param clusters number of planted taste clusters (members and shows each belong to one)
 * @param clusterAffinity probability a member picks a show from its own cluster
 * @param zipfExponent skew of show popularity
 * @param startMillis event time of the first session, epoch ms
 * @param speedUp how much faster event time runs than wall time (writer pacing)
 * @param eventsPerSecond target wall-clock rate of the writer, events per second
 * @param malformedShare share of records replaced by a malformed variant, per topic
 * @param stallShare share of playbacks with rebuffering stalls (concentrated on {@code stallCdn})
 * @param stallCdn the CDN most stalls happen on
 * @param degradeCdn a CDN that stalls heavily between {@code degradeFromMs} and {@code degradeToMs}
 *     (event time); {@code null} for none
 * @param degradeFromMs start of the degradation, epoch ms
 * @param degradeToMs end of the degradation, epoch ms
 * @param cmcdShare share of QoE samples also sent in CMCD form on the cmcd topic
 * @param searchShare share of sessions that start with a search
 * @param warmUpMs sessions are simulated from {@code startMillis - warmUpMs} and records before
 *     {@code startMillis} dropped, so the stream starts at full density with sessions in progress
 * @param franchiseShare share of shows grouped into franchises (ordered runs of 2-5 shows: an
 *     original and its sequels or spin-offs, usually of one taste cluster)
 * @param followUpProbability probability that a member who finished (or got deep into) a franchise
 *     show picks the next show of the franchise as its next session's show
 * @param companionShare share of shows paired with a companion show (titles often watched together,
 *     possibly across clusters); each show has at most one
 * @param companionProbability probability that a member's next session picks the companion of the
 *     show its last session played (when no franchise follow-up was picked)
 * @param releaseShare share of shows not in the catalog at the start but released during the run
 *     (see {@link Releases}); the rest are available from the start
 * @param releaseWindowMs the releases are spread evenly over this much event time after {@code
 *     startMillis}
 * @param launchBoost how much extra interest a show draws at its release, relative to its usual
 *     (global popularity) weight: about {@code 1 + launchBoost} times its usual viewing (see {@link
 *     LaunchInterest})
 * @param launchHalfLifeMs half-life of the launch boost
 * @param launchReach how strongly the launch boost reaches a member outside the show's taste
 *     cluster, relative to a member inside it (0: only its cluster, 1: everyone alike)
 */
public record GeneratorConfig(
        long seed,
        int users,
        int titles,
        int clusters,
        double clusterAffinity,
        double zipfExponent,
        long startMillis,
        double speedUp,
        double eventsPerSecond,
        double malformedShare,
        double stallShare,
        String stallCdn,
        String degradeCdn,
        long degradeFromMs,
        long degradeToMs,
        double cmcdShare,
        double searchShare,
        long warmUpMs,
        double franchiseShare,
        double followUpProbability,
        double companionShare,
        double companionProbability,
        double releaseShare,
        long releaseWindowMs,
        double launchBoost,
        long launchHalfLifeMs,
        double launchReach) {

    /** 2026-01-01T00:00:00Z. */
    public static final long DEFAULT_START_MILLIS =
            Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    public GeneratorConfig {
        positive("users", users);
        positive("titles", titles);
        positive("clusters", clusters);
        share("clusterAffinity", clusterAffinity);
        share("malformedShare", malformedShare);
        share("stallShare", stallShare);
        share("cmcdShare", cmcdShare);
        share("searchShare", searchShare);
        share("franchiseShare", franchiseShare);
        share("followUpProbability", followUpProbability);
        share("companionShare", companionShare);
        share("companionProbability", companionProbability);
        share("launchReach", launchReach);
        if (releaseShare < 0 || releaseShare >= 1) {
            throw new IllegalArgumentException(
                    "releaseShare must be within [0, 1): " + releaseShare);
        }
        if (releaseWindowMs <= 0 || launchHalfLifeMs <= 0) {
            throw new IllegalArgumentException(
                    "releaseWindowMs and launchHalfLifeMs must be positive");
        }
        if (!(launchBoost >= 0) || Double.isInfinite(launchBoost)) {
            throw new IllegalArgumentException("launchBoost must be >= 0: " + launchBoost);
        }
        if (warmUpMs < 0) {
            throw new IllegalArgumentException("warmUpMs must not be negative: " + warmUpMs);
        }
        if (zipfExponent <= 0 || speedUp <= 0 || eventsPerSecond <= 0) {
            throw new IllegalArgumentException(
                    "zipfExponent, speedUp and eventsPerSecond must be > 0");
        }
        if (titles < 10) {
            throw new IllegalArgumentException("need at least 10 titles: " + titles);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Events per second of event time that give {@link #eventsPerSecond} at {@link #speedUp}. */
    public double eventTimeDensityPerSecond() {
        return eventsPerSecond / speedUp;
    }

    public boolean isDegraded(String cdn, long eventTime) {
        return degradeCdn != null
                && degradeCdn.equals(cdn)
                && eventTime >= degradeFromMs
                && eventTime < degradeToMs;
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void share(String name, double value) {
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException(name + " must be within [0, 1]: " + value);
        }
    }

    /**
     * Defaults: 10,000 users, 2,000 titles, 12 clusters, 60x speed-up, 500 events/s, 2 h warm-up; a
     * quarter of the shows in franchises (follow-up 0.5), a tenth with a companion (0.3); 30 % of
     * the shows released over the first 24 h, each with a launch boost of 4 (half-life 12 h, reach
     * 0.25 outside its cluster).
     */
    public static final class Builder {
        private long seed = 42;
        private int users = 10_000;
        private int titles = 2_000;
        private int clusters = 12;
        private double clusterAffinity = 0.8;
        private double zipfExponent = 1.0;
        private long startMillis = DEFAULT_START_MILLIS;
        private double speedUp = 60;
        private double eventsPerSecond = 500;
        private double malformedShare = 0.005;
        private double stallShare = 0.05;
        private String stallCdn = "cdn-b";
        private String degradeCdn;
        private long degradeFromMs;
        private long degradeToMs;
        private double cmcdShare = 0.1;
        private double searchShare = 0.3;
        private long warmUpMs = 2 * 3_600_000L;
        private double franchiseShare = 0.25;
        private double followUpProbability = 0.5;
        private double companionShare = 0.1;
        private double companionProbability = 0.3;
        private double releaseShare = 0.3;
        private long releaseWindowMs = 24 * 3_600_000L;
        private double launchBoost = 4;
        private long launchHalfLifeMs = 12 * 3_600_000L;
        private double launchReach = 0.25;

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder users(int value) {
            users = value;
            return this;
        }

        public Builder titles(int value) {
            titles = value;
            return this;
        }

        public Builder clusters(int value) {
            clusters = value;
            return this;
        }

        public Builder clusterAffinity(double value) {
            clusterAffinity = value;
            return this;
        }

        public Builder zipfExponent(double value) {
            zipfExponent = value;
            return this;
        }

        public Builder startMillis(long value) {
            startMillis = value;
            return this;
        }

        public Builder speedUp(double value) {
            speedUp = value;
            return this;
        }

        public Builder eventsPerSecond(double value) {
            eventsPerSecond = value;
            return this;
        }

        public Builder malformedShare(double value) {
            malformedShare = value;
            return this;
        }

        public Builder stallShare(double value) {
            stallShare = value;
            return this;
        }

        public Builder stallCdn(String value) {
            stallCdn = value;
            return this;
        }

        /** Makes {@code cdn} stall heavily for event times in [fromMs, toMs). */
        public Builder degradeCdn(String cdn, long fromMs, long toMs) {
            degradeCdn = cdn;
            degradeFromMs = fromMs;
            degradeToMs = toMs;
            return this;
        }

        public Builder cmcdShare(double value) {
            cmcdShare = value;
            return this;
        }

        public Builder searchShare(double value) {
            searchShare = value;
            return this;
        }

        /** Simulated history before the start, dropped; 0 starts from an empty service. */
        public Builder warmUp(java.time.Duration value) {
            warmUpMs = value.toMillis();
            return this;
        }

        public Builder franchiseShare(double value) {
            franchiseShare = value;
            return this;
        }

        public Builder followUpProbability(double value) {
            followUpProbability = value;
            return this;
        }

        public Builder companionShare(double value) {
            companionShare = value;
            return this;
        }

        public Builder companionProbability(double value) {
            companionProbability = value;
            return this;
        }

        /** No franchises and no companions: each session's show depends on nothing before it. */
        public Builder withoutSequentialStructure() {
            return franchiseShare(0)
                    .followUpProbability(0)
                    .companionShare(0)
                    .companionProbability(0);
        }

        public Builder releaseShare(double value) {
            releaseShare = value;
            return this;
        }

        /** The event time after the start over which the releases are spread. */
        public Builder releaseWindow(java.time.Duration value) {
            releaseWindowMs = value.toMillis();
            return this;
        }

        public Builder launchBoost(double value) {
            launchBoost = value;
            return this;
        }

        public Builder launchHalfLife(java.time.Duration value) {
            launchHalfLifeMs = value.toMillis();
            return this;
        }

        public Builder launchReach(double value) {
            launchReach = value;
            return this;
        }

        /** A static catalog: every show available from the start, none with a launch boost. */
        public Builder withoutReleases() {
            return releaseShare(0).launchBoost(0);
        }

        public GeneratorConfig build() {
            return new GeneratorConfig(
                    seed,
                    users,
                    titles,
                    clusters,
                    clusterAffinity,
                    zipfExponent,
                    startMillis,
                    speedUp,
                    eventsPerSecond,
                    malformedShare,
                    stallShare,
                    stallCdn,
                    degradeCdn,
                    degradeFromMs,
                    degradeToMs,
                    cmcdShare,
                    searchShare,
                    warmUpMs,
                    franchiseShare,
                    followUpProbability,
                    companionShare,
                    companionProbability,
                    releaseShare,
                    releaseWindowMs,
                    launchBoost,
                    launchHalfLifeMs,
                    launchReach);
        }
    }
}
