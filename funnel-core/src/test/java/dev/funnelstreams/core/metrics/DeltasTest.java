package dev.funnelstreams.core.metrics;

import static dev.funnelstreams.core.fixture.Ev.created;
import static dev.funnelstreams.core.fixture.Ev.moved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.fixture.Histories;
import dev.funnelstreams.core.fixture.TestFunnel;
import dev.funnelstreams.core.period.Period;
import org.junit.jupiter.api.Test;

class DeltasTest {

    private final FunnelConfig cfg = TestFunnel.standard();

    @Test
    void cellsTheLeadLeavesCarryTheNegativeContribution() {
        var before = Contributions.of(Histories.facts(cfg, created("c", "L-1", "2026-03-02T09:30+08:00").build()), cfg);
        // a late StageChanged before the LeadCreated moves the funnel entry into the previous week
        var after = Contributions.of(Histories.facts(cfg, created("c", "L-1", "2026-03-02T09:30+08:00").build(),
                moved("m", "L-1", "2026-02-27T09:30+08:00", "lead")), cfg);
        Contributions delta = Deltas.of(before, after);
        StageFlowKey w10 = new StageFlowKey(Period.parse("2026-W10"), "all", "all", "lead");
        StageFlowKey w09 = new StageFlowKey(Period.parse("2026-W09"), "all", "all", "lead");
        assertThat(after.get(w10)).isNull();
        assertThat(delta.get(w10)).isEqualTo(new StageFlowCounts(-1, -1, 0, 0, 0));
        assertThat(delta.get(w09)).isEqualTo(new StageFlowCounts(1, 1, 0, 0, 0));
        assertThat(before.plus(delta)).isEqualTo(after);
    }

    @Test
    void unchangedContributionsGiveAnEmptyDelta() {
        var c = Contributions.of(Histories.facts(cfg, created("c", "L-1", "2026-03-02T09:30+08:00").build()), cfg);
        assertThat(Deltas.of(c, c).isEmpty()).isTrue();
        assertThat(Deltas.of(Contributions.EMPTY, c)).isEqualTo(c);
        assertThat(Deltas.of(c, Contributions.EMPTY)).isEqualTo(c.negate());
    }
}
