package io.reelstream.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/** The JIT compiler threads' CPU, read from /proc, that the engine benchmark reports apart. */
class ProcessCpuTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldFindTheJitCompilerThreadsOfThisJvm() {
        long sum = 0;
        for (int i = 0; i < 2_000_000; i++) {
            sum += Integer.toString(i).hashCode(); // hot enough to be compiled
        }

        long jit = ProcessCpu.jitCompilerNanos();

        assertThat(sum).isNotZero();
        assertThat(jit).isPositive();
        assertThat(new ProcessCpu(-1).sample().clientNanos()).isGreaterThanOrEqualTo(jit);
    }
}
