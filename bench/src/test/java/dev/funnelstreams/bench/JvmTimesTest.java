package dev.funnelstreams.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JvmTimesTest {

    @Test
    void aGrowthIsTheDifferenceOfEachCounter() {
        JvmTimes before = new JvmTimes(1_000, 2_000, 300, 40, true);
        JvmTimes after = new JvmTimes(11_000, 12_000, 1_300, 540, true);

        assertThat(after.since(before)).isEqualTo(new JvmTimes(10_000, 10_000, 1_000, 500, true));
        assertThat(after.since(new JvmTimes(0, 0, 0, 0, false)).perThread()).isFalse();
    }

    @Test
    void describesCpuAgainstTheProcessorsAndTheJitAndGcShares() {
        JvmTimes run = new JvmTimes(10_000_000_000L, 15_000_000_000L, 3_000_000_000L, 1_500_000_000L, true);

        assertThat(run.describe(2)).isEqualTo("process CPU 15.0 s in 10.0 s on 2 processors (75 % busy), of which JIT"
                + " compiler threads 3.0 s (20 %), GC threads 1.5 s (10 %)");
        assertThat(new JvmTimes(10_000_000_000L, 5_000_000_000L, 0, 0, false).describe(1))
                .isEqualTo("process CPU 5.0 s in 10.0 s on 1 processors (50 % busy)");
    }

    @Test
    void knowsHotSpotsCompilerAndCollectorThreadsByName() {
        assertThat(JvmTimes.isJit("C2 CompilerThre")).isTrue();
        assertThat(JvmTimes.isJit("C1 CompilerThre")).isTrue();
        assertThat(JvmTimes.isGc("GC Thread#0")).isTrue();
        assertThat(JvmTimes.isGc("G1 Conc#0")).isTrue();
        assertThat(JvmTimes.isGc("G1 Refine#0")).isTrue();
        assertThat(JvmTimes.isJit("funnel-report-w")).isFalse();
        assertThat(JvmTimes.isGc("main")).isFalse();
    }

    @Test
    void readsThisProcessesCounters() {
        JvmTimes before = JvmTimes.now();
        long spin = 0;
        while (JvmTimes.now().since(before).cpuNanos() < 50_000_000L) {
            spin++;
        }

        JvmTimes grown = JvmTimes.now().since(before);
        assertThat(spin).isPositive();
        assertThat(grown.wallNanos()).isPositive();
        assertThat(grown.jitNanos()).isNotNegative();
        assertThat(grown.gcNanos()).isNotNegative();
        assertThat(grown.perThread()).isEqualTo(java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/task")));
    }
}
