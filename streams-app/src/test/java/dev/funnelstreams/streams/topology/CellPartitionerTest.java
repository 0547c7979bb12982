package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.metrics.CellKey;
import dev.funnelstreams.core.metrics.LossReasonKey;
import dev.funnelstreams.core.metrics.ReviewKey;
import dev.funnelstreams.core.metrics.SnapshotKey;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.core.metrics.StalledKey;
import dev.funnelstreams.core.metrics.StalledNowKey;
import dev.funnelstreams.core.metrics.TargetKey;
import dev.funnelstreams.core.metrics.TargetValueKey;
import dev.funnelstreams.core.metrics.WeekKey;
import dev.funnelstreams.core.period.Period;
import dev.funnelstreams.streams.state.CellCodec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CellPartitionerTest {

    private static final int PARTITIONS = 6;
    private final CellPartitioner partitioner = new CellPartitioner();

    @Test
    void theCellsRenderedOutsideTheTableAllGoToPartitionZero() {
        Period w = Period.parse("2026-W09");
        for (CellKey<?> key : List.of(new WeekKey(w), new WeekKey(w.previous()), new TargetKey(Period.parse("2026-Q1"),
                "won"), StalledNowKey.INSTANCE, new ReviewKey(Period.parse("2026-03")),
                new TargetValueKey(Period.parse("2026")))) {
            assertThat(partition(key)).as(key.toString()).isZero();
        }
    }

    @Test
    void aLossReasonMeetsItsStageFlowCellAndAStalledCountItsSnapshot() {
        Set<Integer> seen = new HashSet<>();
        for (String stage : List.of("lead", "discovery", "proposal", "negotiation", "won", "x", "y", "z")) {
            StageFlowKey flow = new StageFlowKey(Period.parse("2026-W09"), "owner", "li.na", stage);
            LossReasonKey reason = new LossReasonKey(flow.period(), "owner", "li.na", stage, "price");
            assertThat(partition(reason)).isEqualTo(partition(flow));
            SnapshotKey snapshot = new SnapshotKey("owner", "li.na", stage);
            assertThat(partition(new StalledKey("owner", "li.na", stage))).isEqualTo(partition(snapshot));
            seen.add(partition(flow));
        }
        // the table's own cells spread by their keys
        assertThat(seen).hasSizeGreaterThan(1);
    }

    private int partition(CellKey<?> key) {
        Set<Integer> p = partitioner.partitions("cell-deltas", CellCodec.encodeKey(key), new byte[0], PARTITIONS)
                .orElseThrow();
        assertThat(p).hasSize(1);
        return p.iterator().next();
    }
}
