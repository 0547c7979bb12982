package dev.funnelstreams.core.metrics;

import static dev.funnelstreams.core.fixture.Ev.created;
import static dev.funnelstreams.core.fixture.Ev.lost;
import static dev.funnelstreams.core.fixture.Ev.money;
import static dev.funnelstreams.core.fixture.Ev.moved;
import static dev.funnelstreams.core.fixture.Ev.value;
import static dev.funnelstreams.core.fixture.Ev.won;
import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.fixture.Cells;
import dev.funnelstreams.core.fixture.TestFunnel;
import dev.funnelstreams.core.period.Period;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContributionsTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private final FunnelConfig cfg = TestFunnel.standard();

    private static Period p(String label) {
        return Period.parse(label);
    }

    private static StageFlowKey flow(String period, String stage) {
        return new StageFlowKey(p(period), "all", "all", stage);
    }

    private static ConversionKey conv(String period, String dim, String value, String from, String to) {
        return new ConversionKey(p(period), dim, value, from, to);
    }

    @Test
    void countsReachesEntriesLossesAndStaysPerPeriod() {
        CellTotals c = new Cells(cfg).add(
                created("c", "L-1", "2026-03-02T09:30+08:00").build(),
                moved("m", "L-1", "2026-03-04T09:30+08:00", "discovery"),
                lost("l", "L-1", "2026-03-10T09:30+08:00", "price")).totals();
        assertThat(c.get(flow("2026-W10", "lead"))).isEqualTo(new StageFlowCounts(1, 1, 0, 1, 2 * DAY));
        assertThat(c.get(flow("2026-W10", "discovery"))).isEqualTo(new StageFlowCounts(1, 1, 0, 0, 0));
        assertThat(c.get(flow("2026-W11", "discovery"))).isEqualTo(new StageFlowCounts(0, 0, 1, 1, 6 * DAY));
        assertThat(c.get(flow("2026-03", "discovery"))).isEqualTo(new StageFlowCounts(1, 1, 1, 1, 6 * DAY));
        assertThat(c.get(flow("2026-Q1", "lead"))).isEqualTo(new StageFlowCounts(1, 1, 0, 1, 2 * DAY));
        assertThat(c.get(flow("2026-W10", "proposal"))).isNull();
        assertThat(c.get(new StageFlowKey(p("2026-W10"), "channel", "expo", "lead"))).isEqualTo(c.get(flow("2026-W10", "lead")));
        assertThat(c.get(new StageFlowKey(p("2026-W11"), "owner", "zhang", "discovery")).lost()).isEqualTo(1);
        assertThat(c.get(new StageFlowKey(p("2026-W11"), "industry", "manufacturing", "discovery")).lost()).isEqualTo(1);
        assertThat(c.get(new StageFlowKey(p("2026-W11"), "tier", "C", "discovery")).lost()).isEqualTo(1);
        assertThat(c.get(new LossReasonKey(p("2026-W11"), "all", "all", "discovery", "price"))).isEqualTo(Count.ONE);
        // the lead is lost: it is in no snapshot
        assertThat(c.cells(SnapshotKey.class)).isEmpty();
    }

    @Test
    void zeroLengthStayCountsAsEnteredAndExited() {
        CellTotals c = new Cells(cfg).add(
                created("c", "L-1", "2026-03-02T09:30+08:00").build(),
                moved("m", "L-1", "2026-03-02T09:30+08:00", "discovery")).totals();
        assertThat(c.get(flow("2026-W10", "lead"))).isEqualTo(new StageFlowCounts(1, 1, 0, 1, 0));
    }

    @Test
    void backwardMoveAndReopenCountEntriesButNoNewReach() {
        CellTotals c = new Cells(cfg).add(
                created("c", "L-1", "2026-03-02T09:30+08:00").build(),
                moved("m1", "L-1", "2026-03-03T09:30+08:00", "proposal"),
                moved("m2", "L-1", "2026-03-04T09:30+08:00", "discovery"),
                lost("l", "L-1", "2026-03-05T09:30+08:00", "timing"),
                moved("m3", "L-1", "2026-03-06T09:30+08:00", "discovery")).totals();
        assertThat(c.get(flow("2026-W10", "discovery"))).isEqualTo(new StageFlowCounts(1, 2, 1, 1, DAY));
        assertThat(c.get(flow("2026-W10", "proposal"))).isEqualTo(new StageFlowCounts(1, 1, 0, 1, DAY));
        assertThat(c.get(new SnapshotKey("all", "all", "discovery"))).isEqualTo(Count.ONE);
        assertThat(c.get(new SnapshotKey("owner", "zhang", "discovery"))).isEqualTo(Count.ONE);
    }

    @Test
    void conversionFlowCountsEachReachInItsPeriodAndCohortHonoursTheWindow() {
        CellTotals c = new Cells(cfg).add(
                created("c1", "L-1", "2026-01-05T10:00+08:00").build(),
                moved("m1", "L-1", "2026-01-20T10:00+08:00", "discovery"),
                created("c2", "L-2", "2026-01-06T10:00+08:00").build(),
                // 115 days later: outside the 90-day window
                moved("m2", "L-2", "2026-05-01T10:00+08:00", "discovery")).totals();
        assertThat(c.get(conv("2026-01", "all", "all", "lead", "discovery")))
                .isEqualTo(new ConversionCounts(1, 2, 2, 1, 15 * DAY));
        assertThat(c.get(conv("2026-05", "all", "all", "lead", "discovery")))
                .isEqualTo(new ConversionCounts(1, 0, 0, 0, 0));
        assertThat(c.get(conv("2026-05", "all", "all", "discovery", "proposal")))
                .isEqualTo(new ConversionCounts(0, 1, 1, 0, 0));
        // first -> won pair is listed; nobody won
        assertThat(c.get(conv("2026-01", "all", "all", "lead", "won")))
                .isEqualTo(new ConversionCounts(0, 2, 2, 0, 0));

        FunnelConfig noWindow = TestFunnel.builder().window(null).build();
        CellTotals all = new Cells(noWindow).add(
                created("c2", "L-2", "2026-01-06T10:00+08:00").build(),
                moved("m2", "L-2", "2026-05-01T10:00+08:00", "discovery")).totals();
        assertThat(all.get(conv("2026-01", "all", "all", "lead", "discovery")))
                .isEqualTo(new ConversionCounts(0, 1, 1, 1, 115 * DAY));
    }

    @Test
    void conversionBooksTheCohortWithDimensionsAtTheFromReach() {
        CellTotals c = new Cells(cfg).add(
                created("c", "L-1", "2026-03-02T09:30+08:00").value("200000.00").build(),
                value("u", "L-1", "2026-03-03T09:30+08:00", "650000.00"),
                moved("m", "L-1", "2026-03-04T09:30+08:00", "discovery")).totals();
        assertThat(c.get(conv("2026-W10", "tier", "B", "lead", "discovery")))
                .isEqualTo(new ConversionCounts(0, 1, 1, 1, 2 * DAY));
        assertThat(c.get(conv("2026-W10", "tier", "A", "lead", "discovery")))
                .isEqualTo(new ConversionCounts(1, 0, 0, 0, 0));
        assertThat(c.get(conv("2026-W10", "tier", "A", "discovery", "proposal")))
                .isEqualTo(new ConversionCounts(0, 1, 1, 0, 0));
    }

    @Test
    void twoStageFunnelListsFirstToWonOnce() {
        FunnelConfig two = TestFunnel.builder()
                .stages(TestFunnel.stage("lead", "Lead", null),
                        new dev.funnelstreams.core.config.StageDef("won", "Won", java.util.Optional.empty(), true))
                .opportunityStage("lead").dimensions().periods(PeriodKind.MONTH).build();
        assertThat(ConversionPair.all(two)).containsExactly(new ConversionPair("lead", "won"));
        assertThat(ConversionPair.all(cfg)).hasSize(6).last().isEqualTo(new ConversionPair("lead", "won"));
        CellTotals c = new Cells(two).add(
                created("c", "L-1", "2026-03-02T09:30+08:00").build(),
                won("w", "L-1", "2026-03-03T09:30+08:00", "won", "10.00")).totals();
        assertThat(c.cells(ConversionKey.class)).containsOnlyKeys(conv("2026-03", "all", "all", "lead", "won"));
    }

    @Test
    void channelCostsCountCohortAndFlowBasis() {
        CellTotals c = new Cells(cfg).add(
                created("c1", "L-1", "2026-03-02T09:30+08:00").channel("online_ads").build(),
                moved("m1", "L-1", "2026-04-03T09:30+08:00", "discovery"),
                won("w1", "L-1", "2026-04-20T09:30+08:00", "won", "300000.00"),
                created("c2", "L-2", "2026-03-05T09:30+08:00").channel("online_ads").build(),
                lost("l2", "L-2", "2026-03-06T09:30+08:00", "price")).totals();
        BigDecimal zero = Amounts.ZERO;
        assertThat(c.get(new ChannelCostKey(p("2026-03"), "online_ads")))
                .isEqualTo(new ChannelCounts(2, 1, 1, money("300000"), 0, 0, zero, zero, 0));
        assertThat(c.get(new ChannelCostKey(p("2026-04"), "online_ads")))
                .isEqualTo(new ChannelCounts(0, 0, 0, zero, 1, 1, money("300000"), zero, 0));
        assertThat(c.get(new ChannelCostKey(p("2026-Q1"), "online_ads")).leads()).isEqualTo(2);
        assertThat(c.get(new ChannelCostKey(p("2026-Q2"), "online_ads")).wonInPeriod()).isEqualTo(1);
    }

    @Test
    void week53AndTheYearBoundary() {
        CellTotals c = new Cells(cfg).add(created("c", "L-1", "2027-01-01T10:00+08:00").build()).totals();
        assertThat(c.get(flow("2026-W53", "lead")).reached()).isEqualTo(1);
        assertThat(c.get(flow("2027-01", "lead")).reached()).isEqualTo(1);
        assertThat(c.get(flow("2027-Q1", "lead")).reached()).isEqualTo(1);
        assertThat(c.get(new WeekKey(p("2026-W53"))).reachedOf("lead")).isEqualTo(1);
    }

    @Test
    void periodsAreCutAtLocalMidnightInShanghai() {
        CellTotals c = new Cells(cfg).add(
                created("c1", "L-1", "2026-03-31T23:30+08:00").build(),
                created("c2", "L-2", "2026-04-01T00:10+08:00").build()).totals();
        // L-2 is 2026-03-31T16:10Z: still March in UTC, April in the funnel zone
        assertThat(c.get(flow("2026-03", "lead")).reached()).isEqualTo(1);
        assertThat(c.get(flow("2026-04", "lead")).reached()).isEqualTo(1);
        assertThat(c.get(flow("2026-Q1", "lead")).reached()).isEqualTo(1);
        assertThat(c.get(flow("2026-Q2", "lead")).reached()).isEqualTo(1);
    }

    @Test
    void targetCellsCountReachesInTargetPeriodsOfAnyKind() {
        FunnelConfig weeksOnly = TestFunnel.builder().periods(PeriodKind.WEEK)
                .targets(Map.of("2026-Q1", Map.of("lead", 10L, "discovery", 4L))).build();
        CellTotals c = new Cells(weeksOnly).add(
                created("c1", "L-1", "2026-03-31T23:30+08:00").build(),
                moved("m1", "L-1", "2026-04-01T00:10+08:00", "proposal")).totals();
        assertThat(c.get(new TargetKey(p("2026-Q1"), "lead"))).isEqualTo(Count.ONE);
        assertThat(c.get(new TargetKey(p("2026-Q1"), "discovery"))).isNull();
        assertThat(c.get(new TargetKey(p("2026-Q1"), "proposal"))).isNull();
        assertThat(c.cells(StageFlowKey.class).keySet()).allMatch(k -> k.period().kind() == PeriodKind.WEEK);
    }

    @Test
    void weekCellsCollectReachesLossesWinsAndFacts() {
        CellTotals c = new Cells(TestFunnel.builder().periods(PeriodKind.MONTH).build()).add(
                created("c", "L-1", "2026-03-02T09:30+08:00").build(),
                won("w", "L-1", "2026-03-03T09:30+08:00", "won", "5.00"),
                lost("l", "L-1", "2026-03-04T09:30+08:00", "price")).totals();
        WeekCounts w = c.get(new WeekKey(p("2026-W10")));
        assertThat(w.reached()).containsOnlyKeys("lead", "discovery", "proposal", "negotiation", "won");
        assertThat(w.lossesByReason()).containsExactly(Map.entry("price", 1L));
        assertThat(w.wonValue()).isEqualTo(money("5.00"));
        // reaches 5, entries 2, stay ends 2, loss 1
        assertThat(w.facts()).isEqualTo(10);
    }
}
