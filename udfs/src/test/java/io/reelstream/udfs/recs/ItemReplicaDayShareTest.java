package io.reelstream.udfs.recs;

import io.reelstream.udfs.recs.model.ItemReplica;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static io.reelstream.udfs.recs.RecsFixtures.K;
import static io.reelstream.udfs.recs.RecsFixtures.T0;
import static io.reelstream.udfs.recs.RecsFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ItemReplicaDayShareTest {

    private static final long DAY = ItemModelState.DAY_HALF_LIFE_MS;

    @Test
    void matchesSharesRecomputedFromEveryShowsNewestUpdateAcrossRebases() {
        Random random = new Random(5);
        ItemReplica replica = new ItemReplica(settings().hyperparameters());
        Map<String, ItemFactorUpdate> newest = new HashMap<>();
        long clock = T0;
        for (int i = 0; i < 3_000; i++) {
            // mostly hours apart, now and then a jump of months (the reference must move)
            clock += random.nextInt(50) == 0 ? 150 * DAY : random.nextInt(3_600_000);
            String show = "s" + random.nextInt(30);
            // out of order: some updates are older than the show's newest and must be ignored
            long asOf = clock - random.nextInt(2 * 3_600_000);
            ItemFactorUpdate update = update(show, 1 + 20 * random.nextDouble(), asOf, i);
            if (random.nextInt(10) == 0 && newest.containsKey(show)) {
                update = update(show, 99, asOf, newest.get(show).updatedAt() - 1);
            }
            if (replica.apply(update)) {
                newest.put(show, update);
            }

            if (i % 100 == 99) {
                assertNaiveShares(replica, newest);
            }
        }
    }

    @Test
    void isMissingWhileNoUpdateCarriesADayPopularity() {
        ItemReplica replica = new ItemReplica(settings().hyperparameters());
        replica.apply(RecsFixtures.item("a", 1f, 10, 1L));

        assertThat(replica.dayShare(replica.rowOf("a"))).isNaN();
    }

    private static void assertNaiveShares(
            ItemReplica replica, Map<String, ItemFactorUpdate> newest) {
        long now =
                newest.values().stream()
                        .mapToLong(ItemFactorUpdate::popularityAsOf)
                        .max()
                        .orElseThrow();
        double total = 0;
        for (ItemFactorUpdate u : newest.values()) {
            total += decayed(u, now);
        }
        for (ItemFactorUpdate u : newest.values()) {
            assertThat(replica.dayShare(replica.rowOf(u.showId())))
                    .as(u.showId())
                    .isCloseTo(decayed(u, now) / total, within(1e-9));
        }
    }

    private static double decayed(ItemFactorUpdate u, long now) {
        return u.dayPopularity() * Math.pow(0.5, (now - u.popularityAsOf()) / (double) DAY);
    }

    private static ItemFactorUpdate update(String show, double day, long asOf, long updatedAt) {
        return new ItemFactorUpdate(
                ItemFactorUpdate.CURRENT_VERSION,
                show,
                new float[K],
                0f,
                day,
                asOf,
                10,
                1L,
                updatedAt,
                0.0,
                Long.MIN_VALUE,
                new String[0],
                new float[0],
                day,
                new String[0],
                new float[0]);
    }
}
