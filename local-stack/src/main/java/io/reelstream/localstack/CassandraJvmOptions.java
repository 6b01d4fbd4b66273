package io.reelstream.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JVM options of the local Cassandra node. Without the module flags of Cassandra 5.0's {@code
 * conf/jvm17-server.options} it dies at start on Java 17 ({@code DirectBuffer.cleaner}).
 */
public final class CassandraJvmOptions {

    /** The JPMS flags of Cassandra 5.0's conf/jvm17-server.options. */
    public static final List<String> JPMS_FLAGS =
            List.of(
                    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                    "--add-exports",
                            "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
                    "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
                    "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
                    "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
                    "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
                    "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                    "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
                    "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
                    "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
                    "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
                    "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
                    "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
                    "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
                    "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
                    "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
                    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens", "java.base/java.io=ALL-UNNAMED",
                    "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                    "--add-opens", "java.base/java.util=ALL-UNNAMED");

    private CassandraJvmOptions() {}

    /**
     * All options for a node: heap, G1 settings of jvm17-server.options, JPMS flags, fast single
     * node start-up (ring delay 1 s, no gossip settling), config and log locations.
     */
    public static List<String> forNode(String heap, Path yaml, Path logbackXml, Path dataDir) {
        List<String> o = new ArrayList<>();
        o.add("-Xms" + heap);
        o.add("-Xmx" + heap);
        o.add("-XX:+UseG1GC");
        o.add("-XX:+ParallelRefProcEnabled");
        o.add("-XX:MaxTenuringThreshold=1");
        o.add("-XX:G1RSetUpdatingPauseTimePercent=5");
        o.add("-XX:MaxGCPauseMillis=300");
        // Exit rather than limp on after an OOM (no heap dump: 1 GB files fill test disks).
        o.add("-XX:+ExitOnOutOfMemoryError");
        o.addAll(JPMS_FLAGS);
        o.add("-Djdk.attach.allowAttachSelf=true");
        o.add("-Dio.netty.tryReflectionSetAccessible=true");
        o.add("-Dio.netty.allocator.useCacheForAllThreads=true");
        o.add("-Dio.netty.allocator.maxOrder=11");
        o.add("-Djava.net.preferIPv4Stack=true");
        o.add("-Dcassandra.ring_delay_ms=1000");
        o.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        o.add("-Dcassandra.superuser_setup_delay_ms=0");
        o.add("-Dcassandra-foreground=yes");
        o.add("-Dcassandra.config=" + yaml.toUri());
        o.add("-Dcassandra.storagedir=" + dataDir);
        o.add("-Dcassandra.logdir=" + dataDir.resolve("logs"));
        o.add("-Dcassandra.triggers_dir=" + dataDir.resolve("triggers"));
        o.add("-Dlogback.configurationFile=" + logbackXml.toUri());
        return o;
    }
}
