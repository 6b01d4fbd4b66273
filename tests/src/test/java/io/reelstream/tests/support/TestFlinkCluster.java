package io.reelstream.tests.support;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The Flink MiniCluster the ITCases run their jobs on: one task manager with two slots, so every
 * job runs at parallelism 2 (the guide's minimum), optionally with an in-memory metric reporter for
 * tests that assert on counters.
 */
public final class TestFlinkCluster {

    private static final int SLOTS = 2;

    private TestFlinkCluster() {}

    /** A cluster without metric reporting. */
    public static MiniClusterExtension twoSlots() {
        return create(new Configuration());
    }

    /** A cluster whose metrics {@code reporter} keeps for assertions. */
    public static MiniClusterExtension twoSlotsReportingTo(InMemoryReporter reporter) {
        return create(reporter.addToConfiguration(new Configuration()));
    }

    private static MiniClusterExtension create(Configuration configuration) {
        return new MiniClusterExtension(
                () ->
                        new MiniClusterResourceConfiguration.Builder()
                                .setNumberTaskManagers(1)
                                .setNumberSlotsPerTaskManager(SLOTS)
                                .setConfiguration(configuration)
                                .build());
    }
}
