package io.reelstream.tests.reliability;

import io.reelstream.pipelines.continuewatching.ContinueWatchingJob;
import io.reelstream.pipelines.continuewatching.ContinueWatchingOptions;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.json.EventCodecs;
import io.reelstream.tests.continuewatching.ContinueWatchingTraffic;
import io.reelstream.tests.continuewatching.ContinueWatchingTraffic.Entry;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.continuewatching.model.ContinueWatchingSettings;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The continue-watching job on the cluster: {@link ContinueWatchingTraffic} (three hours of binges,
 * device switches, seeks, malformed records), and its exact reference: every member's stored row
 * equals the reference row, entry by entry.
 *
 * <p>The job settles an event once the watermark passes it. The MiniCluster ITCases end their input
 * to settle the last ones; a deployed job's sources never end, so after the traffic one playback
 * event an hour later goes to every partition, as later traffic would. Its members ({@value
 * #CLOSING_MEMBER}-n) are left out of the comparison.
 */
final class ContinueWatchingOnCluster extends ClusterJobScenario {

    private static final String CLOSING_MEMBER = "closing-member";
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final ContinueWatchingTraffic traffic;
    private final String keyspace;
    private final List<ProducerRecord<byte[], byte[]>> catalog = new ArrayList<>();
    private final List<ProducerRecord<byte[], byte[]>> playback = new ArrayList<>();

    ContinueWatchingOnCluster(SharedServices services) {
        super(services, "continue-watching", ContinueWatchingJob.class);
        long start = System.currentTimeMillis() - 4 * HOUR;
        this.traffic = ContinueWatchingTraffic.generate(start, start + 3 * HOUR);
        String prefix = services.uniqueTopicPrefix();
        services.createTopics(prefix);
        this.keyspace = ContinueWatchingTraffic.migratedKeyspace(services);
        configuration()
                .addAll(
                        ContinueWatchingTraffic.configuration(
                                services, prefix, prefix + "continue-watching"));
        configuration().addAll(services.cassandraOptions(keyspace).toConfiguration());
        String catalogTopic = configuration().get(ContinueWatchingOptions.CATALOG_TOPIC);
        for (ProducerRecord<byte[], byte[]> record :
                ContinueWatchingTraffic.producerRecords(prefix, traffic.records())) {
            (record.topic().equals(catalogTopic) ? catalog : playback).add(record);
        }
    }

    @Override
    void sendSetup() {
        services.sendRecords(catalog);
    }

    @Override
    void sendPart(int part, int parts) {
        services.sendRecords(part(playback, part, parts));
    }

    @Override
    List<String> inputTopics() {
        return List.of(
                configuration().get(ContinueWatchingOptions.CATALOG_TOPIC),
                configuration().get(ContinueWatchingOptions.PLAYBACK_TOPIC));
    }

    @Override
    void sendClosing() {
        String topic = configuration().get(ContinueWatchingOptions.PLAYBACK_TOPIC);
        int partitions;
        try {
            partitions =
                    FaultRecovery.partitionCounts(services.bootstrapServers(), List.of(topic))
                            .get(topic);
        } catch (Exception e) {
            throw new IllegalStateException("partitions of " + topic, e);
        }
        PlaybackEvent last = traffic.playback().get(traffic.playback().size() - 1);
        long time =
                traffic.playback().stream().mapToLong(PlaybackEvent::eventTime).max().orElseThrow()
                        + HOUR;
        List<ProducerRecord<byte[], byte[]>> closing = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            String member = CLOSING_MEMBER + "-" + partition;
            PlaybackEvent event =
                    new PlaybackEvent(
                            last.v(),
                            member,
                            last.type(),
                            time,
                            member,
                            null,
                            last.deviceType(),
                            last.country(),
                            last.titleId(),
                            member,
                            last.positionMs(),
                            last.runtimeMs(),
                            null);
            closing.add(
                    new ProducerRecord<>(
                            topic,
                            partition,
                            time,
                            member.getBytes(StandardCharsets.UTF_8),
                            EventCodecs.playbackEncoder().encode(event)));
        }
        services.sendRecords(closing);
    }

    @Override
    String assertMatchesReference(Duration timeout) throws Exception {
        Map<String, List<Entry>> expected =
                traffic.referenceRows(ContinueWatchingSettings.DEFAULTS);
        assertThat(expected.size()).as("traffic gives many members a row").isGreaterThan(10);
        assertThat(ContinueWatchingTraffic.handOffs(expected)).isPositive();
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, List<Entry>> stored;
        do {
            Thread.sleep(2000);
            stored = new HashMap<>(ContinueWatchingTraffic.cassandraRows(services, keyspace));
            stored.values().removeIf(List::isEmpty);
            stored.keySet().removeIf(member -> member.startsWith(CLOSING_MEMBER));
        } while (!stored.equals(expected) && System.nanoTime() < deadline);
        assertThat(stored.keySet()).isEqualTo(expected.keySet());
        assertThat(stored).isEqualTo(expected);
        return "continue_watching rows equal the reference for " + expected.size() + " members";
    }
}
