package io.reelstream.benchmarks.engine;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine benchmark's options as a user types them. */
class EngineBenchCommandTest {

    private static EngineBenchCommand parse(String... args) {
        EngineBenchCommand command = new EngineBenchCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void shouldWarmTheJitUpByDefaultAndSkipItWhenAsked() {
        assertThat(parse().noJitWarmUp).isFalse();
        assertThat(parse("--no-jit-warm-up").noJitWarmUp).isTrue();
    }
}
