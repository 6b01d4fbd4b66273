package io.reelstream.cli;

import io.reelstream.localstack.LocalStack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where a running {@code ./reelstream run} serves from, written to {@code
 * <data-dir>/stack.properties} so that {@code show} and other commands find the services without
 * flags.
 */
public record StackInfo(
        String kafkaBootstrap,
        String cassandraHost,
        int cassandraPort,
        String localDatacenter,
        String keyspace,
        String dashboardUrl) {

    static final String FILE_NAME = "stack.properties";

    /** Where {@code stack}'s services and the Flink dashboard at {@code dashboardUrl} serve. */
    static StackInfo of(LocalStack stack, String keyspace, URI dashboardUrl) {
        InetSocketAddress cassandra = stack.cassandraContactPoint();
        return new StackInfo(
                stack.bootstrapServers(),
                cassandra.getHostString(),
                cassandra.getPort(),
                stack.localDatacenter(),
                keyspace,
                dashboardUrl.toString());
    }

    public InetSocketAddress cassandraContactPoint() {
        return new InetSocketAddress(cassandraHost, cassandraPort);
    }

    void write(Path dataDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("kafka.bootstrap", kafkaBootstrap);
        p.setProperty("cassandra.host", cassandraHost);
        p.setProperty("cassandra.port", Integer.toString(cassandraPort));
        p.setProperty("cassandra.datacenter", localDatacenter);
        p.setProperty("cassandra.keyspace", keyspace);
        p.setProperty("dashboard.url", dashboardUrl);
        Files.createDirectories(dataDir);
        try (Writer out = Files.newBufferedWriter(dataDir.resolve(FILE_NAME))) {
            p.store(out, "Written by ./reelstream run; read by ./reelstream show");
        }
    }

    static StackInfo read(Path dataDir) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve(FILE_NAME))) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new IOException(
                    "No running stack found under "
                            + dataDir
                            + " (start one with ./reelstream run, or pass --cassandra)",
                    e);
        }
        return new StackInfo(
                p.getProperty("kafka.bootstrap"),
                p.getProperty("cassandra.host"),
                Integer.parseInt(p.getProperty("cassandra.port")),
                p.getProperty("cassandra.datacenter"),
                p.getProperty("cassandra.keyspace"),
                p.getProperty("dashboard.url"));
    }
}
