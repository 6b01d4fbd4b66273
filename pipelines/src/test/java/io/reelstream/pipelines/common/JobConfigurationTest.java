package io.reelstream.pipelines.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobConfigurationTest {

    @Test
    void parsesSpaceAndEqualsForms() {
        assertThat(
                        JobConfiguration.parseArguments(
                                new String[] {"--a.b", "1", "--c=x=y", "--d", "--not-a-value"}))
                .containsEntry("a.b", "1")
                .containsEntry("c", "x=y")
                .containsEntry("d", "--not-a-value");
    }

    @Test
    void rejectsBareValuesAndMissingValues() {
        assertThatThrownBy(() -> JobConfiguration.parseArguments(new String[] {"value"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobConfiguration.parseArguments(new String[] {"--key"}))
                .hasMessageContaining("Missing value for --key");
    }

    @Test
    void resolvesEnvironmentReferencesAndFailsOnUnsetOnes() {
        assertThat(
                        JobConfiguration.resolveEnvironment(
                                java.util.Map.of(
                                        "reelstream.cassandra.password", "env:PW", "plain", "x"),
                                java.util.Map.of("PW", "s3cret")))
                .containsEntry("reelstream.cassandra.password", "s3cret")
                .containsEntry("plain", "x");
        assertThatThrownBy(
                        () ->
                                JobConfiguration.resolveEnvironment(
                                        java.util.Map.of("k", "env:MISSING"), java.util.Map.of()))
                .hasMessageContaining("MISSING")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void argumentsOverrideTheClusterConfiguration() {
        assertThat(
                        JobConfiguration.load(new String[] {"--parallelism.default", "7"})
                                .getString("parallelism.default", ""))
                .isEqualTo("7");
    }
}
