package io.reelstream.udfs.qoe;

import io.reelstream.schemas.events.DeviceType;
import io.reelstream.schemas.qoe.MetricSource;
import io.reelstream.schemas.qoe.SessionOutcome;
import io.reelstream.schemas.qoe.SessionSummary;

import org.apache.flink.api.common.functions.util.ListCollector;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExplodeCohortsFunctionTest {

    @Test
    void shouldEmitOneSamplePerKnownCohort() {
        List<CohortSample> out = new ArrayList<>();
        new ExplodeCohortsFunction().flatMap(summary("isp-x", 64500), new ListCollector<>(out));

        assertThat(out)
                .extracting(CohortSample::cohort)
                .containsExactlyInAnyOrder(
                        "cdn=cdn-a",
                        "isp=isp-x",
                        "asn=AS64500",
                        "device=TV",
                        "country=US",
                        "cdn_country=cdn-a|US",
                        "cdn_isp=cdn-a|isp-x");
        assertThat(out)
                .allSatisfy(
                        s -> {
                            assertThat(s.endTime()).isEqualTo(9_000);
                            assertThat(s.startupMs()).isEqualTo(700L);
                            assertThat(s.rebufferMs()).isEqualTo(1_000);
                            assertThat(s.playMs()).isEqualTo(7_000);
                        });
    }

    @Test
    void shouldSkipCohortsWithUnknownParts() {
        List<CohortSample> out = new ArrayList<>();
        new ExplodeCohortsFunction().flatMap(summary(null, null), new ListCollector<>(out));

        assertThat(out)
                .extracting(CohortSample::cohort)
                .containsExactlyInAnyOrder(
                        "cdn=cdn-a", "device=TV", "country=US", "cdn_country=cdn-a|US");
    }

    private static SessionSummary summary(String isp, Integer asn) {
        return new SessionSummary(
                1,
                "p1",
                "u1",
                "t1",
                "cdn-a",
                isp,
                asn,
                DeviceType.TV,
                "US",
                SessionOutcome.COMPLETED,
                0,
                9_000,
                true,
                700L,
                false,
                false,
                1,
                1_000,
                7_000,
                0.125,
                3_000,
                3_000,
                0,
                0,
                null,
                0,
                MetricSource.STATES,
                MetricSource.STATES,
                MetricSource.STATES,
                null,
                null,
                null,
                false,
                0,
                0,
                0);
    }
}
