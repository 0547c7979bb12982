package dev.funnelstreams.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.period.Period;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sums of {@link CellTotals}: per cell, removed at zero, handed over and snapshotted as counters. */
class CellTotalsTest {

    private static final StageFlowKey FLOW = new StageFlowKey(Period.parse("2026-W10"), "all", "all", "lead");
    private static final SnapshotKey SNAPSHOT = new SnapshotKey("all", "all", "lead");
    private static final StageFlowCounts ONE_REACH = new StageFlowCounts(1, 1, 0, 0, 0);

    @Test
    void aCellHoldsTheSumOfItsCounters() {
        CellTotals t = new CellTotals();
        t.add(FLOW, ONE_REACH);
        t.add(SNAPSHOT, Count.ONE);
        assertThat(t.get(FLOW)).isEqualTo(ONE_REACH);
        t.add(FLOW, new StageFlowCounts(0, 1, 0, 1, 5));
        t.add(SNAPSHOT, Count.ONE);
        assertThat(t.get(FLOW)).isEqualTo(new StageFlowCounts(1, 2, 0, 1, 5));
        assertThat(t.get(SNAPSHOT)).isEqualTo(new Count(2));
        // the counters added are records: summing them changed none
        assertThat(ONE_REACH).isEqualTo(new StageFlowCounts(1, 1, 0, 0, 0));
        assertThat(Count.ONE).isEqualTo(new Count(1));
    }

    @Test
    void aCellThatSumsToZeroIsRemoved() {
        CellTotals t = new CellTotals();
        t.add(FLOW, ONE_REACH);
        t.add(FLOW, ONE_REACH.negate());
        assertThat(t.get(FLOW)).isNull();
        t.add(SNAPSHOT, Count.ONE);
        t.add(SNAPSHOT, Count.ONE);
        t.add(SNAPSHOT, new Count(-2));
        assertThat(t.size()).isZero();
        t.add(SNAPSHOT, Count.ZERO);
        assertThat(t.size()).isZero();
    }

    @Test
    void releaseHandsOverCountersAndLeavesAnEmptySumThatFillsAgain() {
        CellTotals t = new CellTotals();
        t.add(FLOW, ONE_REACH);
        t.add(FLOW, ONE_REACH);
        t.add(SNAPSHOT, Count.ONE);
        Contributions first = t.release();
        assertThat(first.cells()).containsOnly(
                Map.entry(FLOW, new StageFlowCounts(2, 2, 0, 0, 0)), Map.entry(SNAPSHOT, Count.ONE));
        assertThat(t.size()).isZero();
        // filled again after a release: the first release is unchanged
        t.add(SNAPSHOT, new Count(3));
        assertThat(t.release().cells()).containsOnly(Map.entry(SNAPSHOT, new Count(3)));
        assertThat(first.get(FLOW)).isEqualTo(new StageFlowCounts(2, 2, 0, 0, 0));
    }

    @Test
    void snapshotsAreNotChangedByLaterAdditions() {
        CellTotals t = new CellTotals();
        t.add(FLOW, ONE_REACH);
        t.add(FLOW, ONE_REACH);
        t.add(SNAPSHOT, Count.ONE);
        t.add(SNAPSHOT, Count.ONE);
        Contributions snapshot = t.toContributions();
        StageFlowCounts read = t.get(FLOW);
        Count readCount = t.get(SNAPSHOT);
        t.add(FLOW, ONE_REACH);
        t.add(SNAPSHOT, Count.ONE);
        assertThat(snapshot.get(FLOW)).isEqualTo(new StageFlowCounts(2, 2, 0, 0, 0));
        assertThat(read).isEqualTo(new StageFlowCounts(2, 2, 0, 0, 0));
        assertThat(t.get(FLOW)).isEqualTo(new StageFlowCounts(3, 3, 0, 0, 0));
        assertThat(snapshot.get(SNAPSHOT)).isEqualTo(new Count(2));
        assertThat(readCount).isEqualTo(new Count(2));
        assertThat(t.get(SNAPSHOT)).isEqualTo(new Count(3));
    }
}
