package io.reelstream.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * Options that say which Cassandra a command talks to: the local stack's (found through its {@code
 * stack.properties}) unless a contact point is given.
 */
public final class CassandraTarget {

    @Option(
            names = "--data-dir",
            description = "Data folder of the local stack (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:reelstream.root:-.}/.reelstream")
    Path dataDir;

    @Option(
            names = "--cassandra",
            description = "Cassandra contact point host:port (default: the running local stack).")
    String contactPoint;

    @Option(
            names = "--datacenter",
            description = "Local datacenter (default: ${DEFAULT-VALUE}).",
            defaultValue = "datacenter1")
    String datacenter;

    @Option(
            names = "--keyspace",
            description = "Keyspace (default: the local stack's, else 'reelstream').")
    String keyspace;

    InetSocketAddress contactPoint() throws IOException {
        if (contactPoint != null) {
            int colon = contactPoint.lastIndexOf(':');
            return colon < 0
                    ? new InetSocketAddress(contactPoint, 9042)
                    : new InetSocketAddress(
                            contactPoint.substring(0, colon),
                            Integer.parseInt(contactPoint.substring(colon + 1)));
        }
        return StackInfo.read(dataDir).cassandraContactPoint();
    }

    String keyspace() throws IOException {
        if (keyspace != null) {
            return keyspace;
        }
        return contactPoint != null ? "reelstream" : StackInfo.read(dataDir).keyspace();
    }
}
