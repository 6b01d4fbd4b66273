package io.reelstream.udfs.cassandra.internal;

import com.datastax.oss.driver.api.core.cql.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link StatementExecutor} whose requests the test completes by hand. */
final class FakeCassandra implements StatementExecutor {

    record Request(Statement<?> statement, CompletableFuture<Void> future) {}

    final LinkedBlockingQueue<Request> pending = new LinkedBlockingQueue<>();
    final List<Statement<?>> sent = new ArrayList<>();

    @Override
    public synchronized CompletionStage<?> executeAsync(Statement<?> statement) {
        sent.add(statement);
        CompletableFuture<Void> future = new CompletableFuture<>();
        pending.add(new Request(statement, future));
        return future;
    }

    /** The next request sent, waiting up to 10 s for it. */
    Request next() throws InterruptedException {
        Request request = pending.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request was sent");
        }
        return request;
    }

    void succeedAll() {
        Request r;
        while ((r = pending.poll()) != null) {
            r.future().complete(null);
        }
    }

    synchronized List<Statement<?>> sent() {
        return new ArrayList<>(sent);
    }
}
