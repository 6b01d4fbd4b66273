package io.reelstream.udfs.cassandra.internal;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InFlightWritesTest {

    private final FakeCassandra cassandra = new FakeCassandra();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final CountingListener listener = new CountingListener();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private InFlightWrites writes(int maxInFlight, int maxAttempts) {
        return new InFlightWrites(
                maxInFlight,
                cassandra,
                scheduler,
                new ExponentialBackoff(Duration.ofMillis(1), Duration.ofMillis(5)),
                maxAttempts,
                listener);
    }

    private static Statement<?> idempotent(String key) {
        return SimpleStatement.newInstance("INSERT " + key).setIdempotent(true);
    }

    @Test
    void shouldBlockSubmitWhenMaxInFlightIsReached() throws Exception {
        InFlightWrites writes = writes(2, 3);
        writes.submit(idempotent("a"), "a");
        writes.submit(idempotent("b"), "b");
        assertThat(writes.inFlight()).isEqualTo(2);

        CountDownLatch thirdSent = new CountDownLatch(1);
        Thread producer =
                new Thread(
                        () -> {
                            try {
                                writes.submit(idempotent("c"), "c");
                                thirdSent.countDown();
                            } catch (Exception e) {
                                throw new RuntimeException(e);
                            }
                        });
        producer.start();
        assertThat(thirdSent.await(300, TimeUnit.MILLISECONDS)).isFalse();

        cassandra.next().future().complete(null);
        assertThat(thirdSent.await(10, TimeUnit.SECONDS)).isTrue();
        producer.join();
        cassandra.succeedAll();
        writes.awaitAll();
        assertThat(writes.inFlight()).isZero();
        assertThat(listener.successes.get()).isEqualTo(3);
    }

    @Test
    void shouldRetryTransientFailuresOfIdempotentWritesUntilTheySucceed() throws Exception {
        InFlightWrites writes = writes(4, 10);
        writes.submit(idempotent("a"), "a");
        for (int i = 0; i < 3; i++) {
            cassandra.next().future().completeExceptionally(new DriverTimeoutException("slow"));
        }
        cassandra.next().future().complete(null);
        writes.awaitAll();

        assertThat(listener.retries.get()).isEqualTo(3);
        assertThat(listener.successes.get()).isEqualTo(1);
        assertThat(listener.failures.get()).isZero();
        assertThat(cassandra.sent()).hasSize(4);
    }

    @Test
    void shouldNotRetryPermanentFailures() throws Exception {
        InFlightWrites writes = writes(4, 10);
        writes.submit(idempotent("a"), "a");
        cassandra.next().future().completeExceptionally(new InvalidQueryException(null, "bad"));
        writes.awaitAll();

        assertThat(listener.failures.get()).isEqualTo(1);
        assertThat(listener.retries.get()).isZero();
        assertThat(cassandra.sent()).hasSize(1);
    }

    @Test
    void shouldNotRetryNonIdempotentWrites() throws Exception {
        InFlightWrites writes = writes(4, 10);
        writes.submit(SimpleStatement.newInstance("UPDATE counter"), "a");
        cassandra.next().future().completeExceptionally(new DriverTimeoutException("slow"));
        writes.awaitAll();

        assertThat(listener.failures.get()).isEqualTo(1);
        assertThat(listener.retries.get()).isZero();
        assertThat(cassandra.sent()).hasSize(1);
    }

    @Test
    void shouldFailTheNextFlushWhenRetriesAreExhausted() throws Exception {
        InFlightWrites writes = writes(4, 3);
        writes.submit(idempotent("a"), "a");
        for (int i = 0; i < 3; i++) {
            cassandra.next().future().completeExceptionally(new DriverTimeoutException("down"));
        }

        assertThatThrownBy(writes::awaitAll)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("3 times");
        assertThatThrownBy(() -> writes.submit(idempotent("b"), "b"))
                .isInstanceOf(IOException.class);
        assertThat(writes.inFlight()).isZero();
    }

    @Test
    void shouldWaitForEveryWriteOnAwaitAll() throws Exception {
        InFlightWrites writes = writes(8, 3);
        for (int i = 0; i < 5; i++) {
            writes.submit(idempotent("k" + i), i);
        }
        Thread completer =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(200);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            cassandra.succeedAll();
                        });
        completer.start();
        writes.awaitAll();
        assertThat(listener.successes.get()).isEqualTo(5);
        completer.join();
    }

    static final class CountingListener implements WriteListener {
        final AtomicInteger successes = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public void onSuccess(Object element, long latencyNanos) {
            successes.incrementAndGet();
        }

        @Override
        public void onRetry(Statement<?> statement, int attempt, Throwable error) {
            retries.incrementAndGet();
        }

        @Override
        public void onFailure(Statement<?> statement, Object element, Throwable error) {
            failures.incrementAndGet();
        }
    }
}
