package dev.funnelstreams.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Commit cycles from samples of a stream thread's commit and process totals. */
class CommitCyclesTest {

    private static final long MS = 1_000_000L;

    @Test
    void aCycleRunsFromOneSampleThatSawACommitToTheNextWithTheRecordsBetween() {
        CommitCycles c = new CommitCycles();
        c.sample(0, 3, 100); // the first commit seen: no cycle yet
        c.sample(5 * MS, 3, 150);
        c.sample(10 * MS, 4, 300);
        c.sample(15 * MS, 4, 300);
        c.sample(120 * MS, 5, 300); // a cycle that processed nothing
        c.sample(125 * MS, 7, 900); // two commits within one sample: one cycle, as sampled

        assertThat(c.since(0)).containsExactly(new CommitCycles.Cycle(10 * MS, 10.0, 200),
                new CommitCycles.Cycle(120 * MS, 110.0, 0), new CommitCycles.Cycle(125 * MS, 5.0, 600));
        assertThat(c.since(100 * MS)).hasSize(2);
        assertThat(c.describe(0)).isEqualTo("3 cycles, p50 10 ms, p99 110 ms, max 110 ms; 1 without a processed record");
    }

    @Test
    void noCommitNoCycle() {
        CommitCycles c = new CommitCycles();
        c.sample(0, 0, 0);
        c.sample(5 * MS, 0, 10);

        assertThat(c.since(0)).isEqualTo(List.of());
        assertThat(c.describe(0)).startsWith("0 cycles");
    }
}
