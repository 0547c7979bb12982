package dev.funnelstreams.core.metrics.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.fixture.TestFunnel;
import dev.funnelstreams.core.metrics.CellKey;
import dev.funnelstreams.core.metrics.Count;
import dev.funnelstreams.core.metrics.LossReasonKey;
import dev.funnelstreams.core.metrics.ReviewKey;
import dev.funnelstreams.core.metrics.SnapshotKey;
import dev.funnelstreams.core.metrics.StageFlowCounts;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.core.metrics.StalledKey;
import dev.funnelstreams.core.metrics.StalledNowKey;
import dev.funnelstreams.core.metrics.TargetKey;
import dev.funnelstreams.core.metrics.TargetValueKey;
import dev.funnelstreams.core.metrics.WeekKey;
import dev.funnelstreams.core.period.Period;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CellTableTest {

    private static final StageFlowCounts LOST = new StageFlowCounts(0, 0, 1, 0, 0);

    private final CellTable table = new CellTable(TestFunnel.standard());

    /**
     * A new cell type must have an entry; one the table does not render must be named here with the class that
     * renders it.
     */
    @Test
    void everyCellTypeHasAnEntryAndIsRenderedByTheTableOrByItsOwnClass() {
        Set<Class<?>> elsewhere = Set.of(
                TargetKey.class, TargetValueKey.class,  // MetricsView.targetProgress: one record per configured target
                WeekKey.class, StalledNowKey.class,     // WeeklyReview: a range of weeks, stalledNow on the current one
                ReviewKey.class);                       // PeriodReview: a range of periods per kind
        for (Class<?> type : CellKey.class.getPermittedSubclasses()) {
            CellTable.Entry<?, ?> e = CellTable.type(type);
            assertThat(e.rendered()).as(type.getSimpleName() + " rendered by the table").isNotEqualTo(
                    elsewhere.contains(type));
            assertThat(e.topic() == null).as(type.getSimpleName() + ": a topic exactly with a renderer")
                    .isEqualTo(e.renderer() == null);
        }
        assertThat(CellTable.types()).hasSize(CellKey.class.getPermittedSubclasses().length);
        // one entry per topic the table renders; the other topics are rendered by their own classes
        assertThat(table.topics().stream().map(CellTable.Entry::topic)).doesNotHaveDuplicates()
                .doesNotContain(OutputTopic.TARGET_PROGRESS, OutputTopic.WEEKLY_REVIEW, OutputTopic.PERIOD_REVIEW,
                        OutputTopic.LEAD_STATE, OutputTopic.ALERTS)
                .contains(OutputTopic.STAGE_FLOW, OutputTopic.STAGE_SNAPSHOT);
    }

    /** Stores and topics hold the tags: they never change meaning (the streaming app's CellCodecTest pins bytes). */
    @Test
    void tagsAreUniquePerKeyTypeAndPerCounterType() {
        for (CellTable.Entry<?, ?> e : CellTable.types()) {
            assertThat(CellTable.typeOfTag(e.tag())).isSameAs(e);
            assertThat(CellTable.counterOfTag(e.counterTag())).isEqualTo(e.counterType());
            assertThat(CellTable.counterTag(e.counterType())).isEqualTo(e.counterTag());
            // the counter class is the key's type argument
            assertThat(((java.lang.reflect.ParameterizedType) e.keyType().getGenericInterfaces()[0])
                    .getActualTypeArguments()[0]).as(e.keyType().getSimpleName()).isEqualTo(e.counterType());
        }
        assertThat(CellTable.types().stream().map(CellTable.Entry::tag).distinct()).hasSize(CellTable.types().size());
    }

    @Test
    void aChangeOfAStagesLossesReRendersItsLossReasonShares() {
        StageFlowKey stage = new StageFlowKey(Period.parse("2026-03"), "all", "all", "lead");
        assertThat(table.dependents(stage, StageFlowCounts.ZERO, LOST))
                .contains(new LossReasonKey(stage.period(), "all", "all", "lead", "price"));
        assertThat(table.dependents(stage, LOST, new StageFlowCounts(0, 1, 1, 0, 0)))
                .isEmpty();
        LossReasonKey price = new LossReasonKey(stage.period(), "all", "all", "lead", "price");
        Map<CellKey<?>, Object> cells = Map.of(stage, new StageFlowCounts(0, 0, 2, 0, 0));
        OutputRecord share = table.render(price, Count.ONE, cellsOf(cells), Instant.EPOCH);
        assertThat(share.value()).isEqualTo(LossReasonValue.of(1, 2));
    }

    @Test
    void aSnapshotReadsItsStalledCellAndAStalledChangeReRendersTheSnapshot() {
        SnapshotKey snapshot = new SnapshotKey("all", "all", "lead");
        StalledKey stalled = new StalledKey("all", "all", "lead");
        assertThat(table.dependents(stalled, null, Count.ONE)).containsExactly(snapshot);
        OutputRecord r = table.render(snapshot, new Count(3), cellsOf(Map.of(stalled, Count.ONE)), Instant.EPOCH);
        assertThat(r.value()).isEqualTo(new StageSnapshotValue(3, 1, Instant.EPOCH));
        assertThat(table.render(snapshot, new Count(0), cellsOf(Map.of()), Instant.EPOCH)).isNull();
    }

    private static CellTable.Cells cellsOf(Map<CellKey<?>, Object> cells) {
        return new CellTable.Cells() {
            @Override
            @SuppressWarnings("unchecked")
            public <C extends dev.funnelstreams.core.metrics.Counter<C>> C get(CellKey<C> key) {
                return (C) cells.get(key);
            }
        };
    }
}
