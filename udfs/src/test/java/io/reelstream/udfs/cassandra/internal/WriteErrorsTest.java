package io.reelstream.udfs.cassandra.internal;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class WriteErrorsTest {

    @Test
    void shouldTreatOutagesAndTimeoutsAsTransient() {
        assertThat(WriteErrors.isTransient(new DriverTimeoutException("t"))).isTrue();
        assertThat(WriteErrors.isTransient(new NoNodeAvailableException())).isTrue();
        assertThat(
                        WriteErrors.isTransient(
                                new CompletionException(new DriverTimeoutException("t"))))
                .isTrue();
    }

    @Test
    void shouldTreatInvalidStatementsAsPermanent() {
        assertThat(WriteErrors.isTransient(new InvalidQueryException(null, "dim"))).isFalse();
        assertThat(WriteErrors.isTransient(new SyntaxError(null, "x"))).isFalse();
        assertThat(WriteErrors.isTransient(new IllegalArgumentException("codec"))).isFalse();
    }
}
