package dev.funnelstreams.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A stream thread's commit cycles, from samples of its {@code commit-total} and {@code process-total} metrics: a cycle
 * runs from one sample that saw a new commit to the next, so its length is exact to the sampling interval. A cell's
 * latency is about two cycles (the lead task's commit makes its delta readable, the cell task's its output), so the
 * cycle, not {@code commit.interval.ms}, is what a latency goal has to fit.
 */
final class CommitCycles {

    /** One cycle: when it ended (nanoTime), how long it took and the records the thread processed in it. */
    record Cycle(long endNanos, double millis, long records) {
    }

    private final List<Cycle> cycles = new ArrayList<>();
    private long lastCommitNanos = -1;
    private double lastCommits = -1;
    private double lastRecords;

    /** A sample of the thread's totals at {@code nanos}. */
    void sample(long nanos, double commits, double records) {
        if (commits > lastCommits) {
            if (lastCommitNanos >= 0) {
                cycles.add(new Cycle(nanos, (nanos - lastCommitNanos) / 1e6, Math.round(records - lastRecords)));
            }
            lastCommitNanos = nanos;
            lastCommits = commits;
            lastRecords = records;
        }
    }

    /** The cycles that ended at or after {@code fromNanos}. */
    List<Cycle> since(long fromNanos) {
        return cycles.stream().filter(c -> c.endNanos() >= fromNanos).toList();
    }

    /** {@code N cycles, p50 A ms, p99 B ms, max C ms; M without a processed record}, of the cycles since then. */
    String describe(long fromNanos) {
        List<Cycle> measured = since(fromNanos);
        Percentiles p = Percentiles.of(measured.stream().mapToDouble(Cycle::millis).toArray());
        long idle = measured.stream().filter(c -> c.records() == 0).count();
        return String.format(Locale.ROOT, "%,d cycles, p50 %.0f ms, p99 %.0f ms, max %.0f ms; %,d without a processed"
                + " record", p.count(), p.p50(), p.p99(), p.max(), idle);
    }
}
