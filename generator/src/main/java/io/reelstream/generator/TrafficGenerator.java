package io.reelstream.generator;

import io.reelstream.schemas.events.CatalogRecord;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The pure, deterministic traffic generator: an endless stream of records in event-time order, the
 * catalog first; the catalog records of a show released during the run ({@link Releases}) come
 * among the events at its release time, which is their {@code updatedAt}. Usable without Kafka
 * (tests compute reference results from it); {@link KafkaTrafficWriter} sends it.
 *
 * <p>Sessions start as a Poisson process whose rate keeps the event density at {@link
 * GeneratorConfig#eventTimeDensityPerSecond()}; overlapping sessions are merged by event time. A
 * member's session starts from what its previous finished session watched ({@link WatchNext}).
 */
public final class TrafficGenerator implements Iterator<GeneratedRecord> {

    private static final double INITIAL_EVENTS_PER_SESSION = 150;
    private static final long REST_BETWEEN_SESSIONS_MS = 30 * 60_000L;
    private static final int MEMBER_PICK_ATTEMPTS = 20;

    private final GeneratorConfig config;
    private final SplittableRandom random;
    private final Catalog catalog;
    private final Members members;
    private final RecordFactory records;
    private final ArrayDeque<GeneratedRecord> catalogRecords = new ArrayDeque<>();
    private final ArrayDeque<GeneratedRecord> releaseRecords = new ArrayDeque<>();
    private final EventTimeQueue<Session> live = new EventTimeQueue<>();
    private final String runId;
    private final Set<String> busy = new HashSet<>();
    private final Map<String, Long> availableAt = new HashMap<>();
    private final WatchNext watchNext;
    private final Map<String, WatchNext.Watched> lastWatched = new HashMap<>();

    private final int catalogRecordCount;

    private GeneratedRecord nextEvent;
    private long nextSessionStart;
    private long sessions;
    private double expectedSessionRecords;

    public TrafficGenerator(GeneratorConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        this.catalog = new Catalog(config, random.split());
        this.members = new Members(config, random.split());
        this.records = new RecordFactory(config.malformedShare());
        this.watchNext = new WatchNext(catalog, config);
        this.runId = Long.toString(config.seed() & 0xffffffL, 36);
        this.nextSessionStart = config.startMillis() - config.warmUpMs();
        SplittableRandom catalogRandom = random.split();
        List<GeneratedRecord> released = new ArrayList<>();
        for (CatalogRecord title : catalog.titles()) {
            long releaseTime = catalog.releases().releaseTime(catalog.showOf(title.titleId()));
            boolean atStart = releaseTime == Releases.AT_START;
            CatalogRecord published = atStart ? title : announced(title, releaseTime);
            java.util.Collection<GeneratedRecord> queue = atStart ? catalogRecords : released;
            queue.add(records.catalog(published));
            GeneratedRecord damaged = records.malformedCatalog(published, catalogRandom);
            if (damaged != null) {
                queue.add(damaged);
            }
        }
        catalogRecordCount = catalogRecords.size();
        released.sort(Comparator.comparingLong(GeneratedRecord::eventTime));
        releaseRecords.addAll(released);
    }

    /** The catalog record of a title released during the run, as published at its release. */
    private static CatalogRecord announced(CatalogRecord title, long releaseTime) {
        return new CatalogRecord(
                title.v(),
                title.titleId(),
                title.name(),
                title.kind(),
                title.seriesId(),
                title.season(),
                title.episode(),
                title.runtimeMs(),
                title.creditsOffsetMs(),
                title.genres(),
                releaseTime);
    }

    public Catalog catalog() {
        return catalog;
    }

    public Members members() {
        return members;
    }

    public GeneratorConfig config() {
        return config;
    }

    /**
     * The wall-clock event rate {@code config} really produces, counted over {@code span} of event
     * time from its start: the session model reaches {@link GeneratorConfig#eventsPerSecond()} only
     * approximately (long sessions, a warm-up shorter than the longest ones), so a caller that
     * needs a rate scales by the ratio.
     */
    public static double measuredEventsPerSecond(GeneratorConfig config, Duration span) {
        TrafficGenerator generator = new TrafficGenerator(config);
        for (int i = 0; i < generator.catalogRecordCount(); i++) {
            generator.next();
        }
        long end = config.startMillis() + span.toMillis();
        long events = 0;
        while (generator.next().eventTime() < end) {
            events++;
        }
        return events / (span.toMillis() / 1000.0) * config.speedUp();
    }

    /**
     * Number of catalog records (valid and damaged) sent before any event; those of shows released
     * later come among the events.
     */
    public int catalogRecordCount() {
        return catalogRecordCount;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public GeneratedRecord next() {
        if (!catalogRecords.isEmpty()) {
            return catalogRecords.poll();
        }
        if (nextEvent == null) {
            nextEvent = nextEvent();
            while (nextEvent.eventTime() < config.startMillis()) {
                nextEvent = nextEvent();
            }
        }
        if (!releaseRecords.isEmpty()
                && releaseRecords.peek().eventTime() <= nextEvent.eventTime()) {
            return releaseRecords.poll();
        }
        GeneratedRecord record = nextEvent;
        nextEvent = null;
        return record;
    }

    private GeneratedRecord nextEvent() {
        while (live.isEmpty() || nextSessionStart <= live.headTime()) {
            startSession();
        }
        Session session = live.peek();
        GeneratedRecord record = session.poll();
        if (session.isFinished()) {
            live.removeHead();
            String userId = session.member().userId();
            busy.remove(userId);
            availableAt.put(userId, session.time() + REST_BETWEEN_SESSIONS_MS);
            if (session.watched() != null) {
                lastWatched.put(userId, session.watched());
            }
        } else {
            live.moveHead(session.headTime());
        }
        return record;
    }

    /** This generator as an endless ordered stream; use {@code limit(n)}. */
    public Stream<GeneratedRecord> stream() {
        return StreamSupport.stream(
                java.util.Spliterators.spliteratorUnknownSize(this, java.util.Spliterator.ORDERED),
                false);
    }

    private void startSession() {
        sessions++;
        SplittableRandom sessionRandom = random.split();
        Member member = pickIdleMember(sessionRandom);
        Session session =
                new Session(
                        config,
                        catalog,
                        watchNext,
                        records,
                        member,
                        lastWatched.get(member.userId()),
                        nextSessionStart,
                        sessions,
                        runId + "-" + sessions,
                        sessionRandom);
        if (!session.isFinished()) {
            live.add(session, session.headTime(), session.number());
            busy.add(member.userId());
        } else {
            availableAt.put(member.userId(), nextSessionStart + REST_BETWEEN_SESSIONS_MS);
        }
        expectedSessionRecords += session.expectedRecords();
        double eventsPerSession =
                sessions < 20 ? INITIAL_EVENTS_PER_SESSION : expectedSessionRecords / sessions;
        double sessionsPerMs = config.eventTimeDensityPerSecond() / 1000.0 / eventsPerSession;
        nextSessionStart +=
                Math.max(1, (long) (-Math.log(1 - random.nextDouble()) / sessionsPerMs));
    }

    /**
     * A member not in a session and rested since the last one, so one member's sessions never
     * overlap; with a very small member base, falls back to anyone.
     */
    private Member pickIdleMember(SplittableRandom sessionRandom) {
        Member member = members.get(sessionRandom.nextInt(members.size()));
        for (int attempt = 1; attempt < MEMBER_PICK_ATTEMPTS && !isIdle(member); attempt++) {
            member = members.get(sessionRandom.nextInt(members.size()));
        }
        return member;
    }

    private boolean isIdle(Member member) {
        return !busy.contains(member.userId())
                && availableAt.getOrDefault(member.userId(), Long.MIN_VALUE) <= nextSessionStart;
    }
}
