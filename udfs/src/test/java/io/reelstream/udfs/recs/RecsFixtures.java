package io.reelstream.udfs.recs;

import io.reelstream.schemas.events.CatalogRecord;
import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.events.PlaybackEvent;
import io.reelstream.schemas.events.PlaybackEventType;
import io.reelstream.schemas.events.TitleKind;
import io.reelstream.udfs.mf.BprMath;
import io.reelstream.udfs.mf.MfHyperparameters;
import io.reelstream.udfs.recs.model.RecsSettings;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

import java.util.List;

/** Named instants, event factories and settings shared by the recommendation function tests. */
final class RecsFixtures {

    static final long T0 = 1_780_000_000_000L;
    static final long MINUTE = 60_000L;
    static final int K = 8;

    private RecsFixtures() {}

    /** Small k, no debounce surprises: 5 s debounce, 1 s publish interval, 2 exploration slots. */
    static RecsSettings settings() {
        RecsSettings d = RecsSettings.defaults();
        return new RecsSettings(
                MfHyperparameters.defaults().withK(K),
                d.engagement(),
                5,
                5_000L,
                2,
                d.historyLimit(),
                d.trendingHalfLifeMs(),
                1,
                3,
                1_000L,
                30 * MINUTE,
                d.userStateTtlMs(),
                7L,
                d.covisit());
    }

    static PlaybackEvent playback(
            String playbackId, PlaybackEventType type, long time, long positionMs, long runtimeMs) {
        return new PlaybackEvent(
                PlaybackEvent.CURRENT_VERSION,
                playbackId + "-" + type + "-" + time,
                type,
                time,
                "u1",
                null,
                DeviceType.TV,
                "US",
                "ep-1",
                playbackId,
                positionMs,
                runtimeMs,
                null);
    }

    static CatalogRecord episode(String titleId, String seriesId) {
        return new CatalogRecord(
                CatalogRecord.CURRENT_VERSION,
                titleId,
                "Episode " + titleId,
                TitleKind.EPISODE,
                seriesId,
                1,
                1,
                45 * MINUTE,
                null,
                List.of("drama"),
                T0);
    }

    /** A watched movie: completed, so it is not in progress. */
    static Interaction interaction(String user, String show, float weight, long time) {
        return new Interaction(Interaction.CURRENT_VERSION, user, show, weight, time, 1f, false);
    }

    /** A movie the member stopped at {@code progress}. */
    static Interaction partlyWatched(String user, String show, float progress, long time) {
        return new Interaction(
                Interaction.CURRENT_VERSION, user, show, 1.5f, time, progress, false);
    }

    /** A published show with the given direction in factor space. */
    static ItemFactorUpdate item(String show, float direction, long interactions, long updatedAt) {
        float[] factors = new float[K];
        BprMath.prior(show, 1, 0.01f, factors, 0, K);
        factors[0] += direction;
        return new ItemFactorUpdate(
                ItemFactorUpdate.CURRENT_VERSION,
                show,
                factors,
                0f,
                interactions,
                T0,
                interactions,
                7L,
                updatedAt);
    }

    /** {@code u} with co-visitation: its count n as of {@code asOf} and its neighbour list. */
    static ItemFactorUpdate withCovisitation(
            ItemFactorUpdate u, double n, long asOf, String[] neighbours, float[] similarities) {
        return u.withCovisitation(n, asOf, neighbours, similarities);
    }

    /** Proves no state type falls back to Kryo: generic types then fail at state creation. */
    static void disableGenericTypes(AbstractStreamOperatorTestHarness<?> harness) {
        ((SerializerConfigImpl) harness.getExecutionConfig().getSerializerConfig())
                .setGenericTypes(false);
    }
}
