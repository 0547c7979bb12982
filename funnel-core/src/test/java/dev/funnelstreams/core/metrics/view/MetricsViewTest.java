package dev.funnelstreams.core.metrics.view;

import static dev.funnelstreams.core.fixture.Ev.created;
import static dev.funnelstreams.core.fixture.Ev.lost;
import static dev.funnelstreams.core.fixture.Ev.money;
import static dev.funnelstreams.core.fixture.Ev.moved;
import static dev.funnelstreams.core.fixture.Ev.spend;
import static dev.funnelstreams.core.fixture.Ev.t;
import static dev.funnelstreams.core.fixture.Ev.won;
import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.fixture.Cells;
import dev.funnelstreams.core.fixture.TestFunnel;
import dev.funnelstreams.core.metrics.CellTotals;
import dev.funnelstreams.core.metrics.ChannelCostKey;
import dev.funnelstreams.core.metrics.ConversionKey;
import dev.funnelstreams.core.metrics.LossReasonKey;
import dev.funnelstreams.core.metrics.SnapshotKey;
import dev.funnelstreams.core.metrics.SpendBook;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.core.metrics.view.TargetProgressKey;
import dev.funnelstreams.core.period.Period;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsViewTest {

    private final FunnelConfig cfg = TestFunnel.builder().periods(PeriodKind.MONTH).dimensions().build();
    private final MetricsView view = new MetricsView(cfg);

    private static Object valueOf(List<OutputRecord> records, Object key) {
        return records.stream().filter(r -> r.key().equals(key)).findFirst().map(OutputRecord::value).orElse(null);
    }

    @Test
    void stageFlowMeanIsTheExactSumDividedOnce() {
        Cells leads = new Cells(cfg).add(
                created("c1", "L-1", "2026-03-02T09:30+08:00").build(),
                moved("m1", "L-1", "2026-03-03T09:30+08:00", "discovery"),
                created("c2", "L-2", "2026-03-02T09:30+08:00").build(),
                moved("m2", "L-2", "2026-03-03T21:30+08:00", "discovery"),
                created("c3", "L-3", "2026-03-02T09:30+08:00").build());
        List<OutputRecord> flow = view.stageFlow(leads.totals());
        assertThat(valueOf(flow, new StageFlowKey(Period.parse("2026-03"), "all", "all", "lead")))
                .isEqualTo(new StageFlowValue(3, 3, 0, 2, 1.25));
        assertThat(valueOf(flow, new StageFlowKey(Period.parse("2026-03"), "all", "all", "discovery")))
                .isEqualTo(new StageFlowValue(2, 2, 0, 0, null));
        assertThat(flow).extracting(OutputRecord::topic).containsOnly(OutputTopic.STAGE_FLOW);
    }

    @Test
    void conversionsRatesAndMaturity() {
        CellTotals cells = new Cells(cfg).add(
                created("c1", "L-1", "2026-01-05T10:00+08:00").build(),
                moved("m1", "L-1", "2026-01-20T10:00+08:00", "discovery"),
                created("c2", "L-2", "2026-01-06T10:00+08:00").build(),
                moved("m2", "L-2", "2026-05-01T10:00+08:00", "discovery")).totals();
        ConversionKey jan = new ConversionKey(Period.parse("2026-01"), "all", "all", "lead", "discovery");
        // January ends 2026-02-01T00:00+08:00; + 90 days = 2026-05-02T00:00+08:00
        Instant matureAt = t("2026-05-02T00:00+08:00");
        assertThat(valueOf(view.conversions(cells, matureAt), jan))
                .isEqualTo(new ConversionValue(1, 2, 0.5, 2, 1, 0.5, 15.0, true));
        assertThat(((ConversionValue) valueOf(view.conversions(cells, matureAt.minusMillis(1)), jan)).mature()).isFalse();
        ConversionKey may = new ConversionKey(Period.parse("2026-05"), "all", "all", "lead", "discovery");
        assertThat(valueOf(view.conversions(cells, matureAt), may))
                .isEqualTo(new ConversionValue(1, 0, null, 0, 0, null, null, false));

        FunnelConfig noWindow = TestFunnel.builder().periods(PeriodKind.MONTH).dimensions().window(null).build();
        MetricsView v = new MetricsView(noWindow);
        CellTotals c2 = new Cells(noWindow).add(created("c1", "L-1", "2026-01-05T10:00+08:00").build()).totals();
        ConversionKey leadWon = new ConversionKey(Period.parse("2026-01"), "all", "all", "lead", "won");
        assertThat(((ConversionValue) valueOf(v.conversions(c2, t("2026-02-01T00:00+08:00")), leadWon)).mature()).isTrue();
        assertThat(((ConversionValue) valueOf(v.conversions(c2, t("2026-01-31T23:59+08:00")), leadWon)).mature()).isFalse();
    }

    @Test
    void lossReasonShareIsOfAllLossesAtTheStage() {
        CellTotals cells = new Cells(cfg).add(
                created("c1", "L-1", "2026-03-02T09:30+08:00").build(), lost("l1", "L-1", "2026-03-03T09:30+08:00", "price"),
                created("c2", "L-2", "2026-03-02T09:30+08:00").build(), lost("l2", "L-2", "2026-03-03T09:30+08:00", "price"),
                created("c3", "L-3", "2026-03-02T09:30+08:00").build(), lost("l3", "L-3", "2026-03-03T09:30+08:00", "timing"),
                created("c4", "L-4", "2026-03-02T09:30+08:00").build(), lost("l4", "L-4", "2026-03-03T09:30+08:00", "foo"))
                .totals();
        List<OutputRecord> reasons = view.lossReasons(cells);
        Period march = Period.parse("2026-03");
        assertThat(valueOf(reasons, new LossReasonKey(march, "all", "all", "lead", "price")))
                .isEqualTo(new LossReasonValue(2, 4, 0.5));
        assertThat(valueOf(reasons, new LossReasonKey(march, "all", "all", "lead", "timing")))
                .isEqualTo(new LossReasonValue(1, 4, 0.25));
        assertThat(valueOf(reasons, new LossReasonKey(march, "all", "all", "lead", "other")))
                .isEqualTo(new LossReasonValue(1, 4, 0.25));
        assertThat(reasons).hasSize(3);
    }

    @Test
    void channelCostsRoundMoneyHalfEvenAndKeepSpendOnlyRecords() {
        Cells leads = new Cells(cfg).add(
                created("c1", "L-1", "2026-03-02T09:30+08:00").channel("online_ads").build(),
                moved("m1", "L-1", "2026-03-03T09:30+08:00", "discovery"),
                won("w1", "L-1", "2026-03-20T09:30+08:00", "won", "3000.00"),
                created("c2", "L-2", "2026-03-02T09:30+08:00").channel("online_ads").build(),
                created("c3", "L-3", "2026-03-02T09:30+08:00").channel("online_ads").build(),
                created("c4", "L-4", "2026-03-02T09:30+08:00").channel("fair").build(),
                created("c5", "L-5", "2026-03-02T09:30+08:00").channel("fair").build());
        CellTotals cells = leads.totals();
        SpendBook spend = new SpendBook(cfg);
        spend.apply(spend("s-1", "online_ads", "kw", "2026-03-02", "1000.00", null));
        spend.apply(spend("s-2", "fair", "", "2026-03-02", "0.25", null));
        spend.apply(spend("s-3", "tv", "", "2026-03-02", "500.00", null));
        cells.add(spend.contributions());
        List<OutputRecord> costs = view.channelCosts(cells);
        Period march = Period.parse("2026-03");
        assertThat(valueOf(costs, new ChannelCostKey(march, "online_ads"))).isEqualTo(new ChannelCostValue(
                money("1000.00"), 3, 1, 1, money("3000.00"), 1, 1, money("3000.00"),
                money("333.33"), money("1000.00"), money("1000.00"), 1.0 / 3, 2.0));
        // 0.25 / 2 = 0.125 -> 0.12 (half-even)
        assertThat(((ChannelCostValue) valueOf(costs, new ChannelCostKey(march, "fair"))).costPerLead())
                .isEqualTo(money("0.12"));
        assertThat(valueOf(costs, new ChannelCostKey(march, "tv"))).isEqualTo(new ChannelCostValue(
                money("500.00"), 0, 0, 0, money("0"), 0, 0, money("0"), null, null, null, null, -1.0));
    }

    @Test
    void snapshotCountsActiveLeadsAndStalledAtNow() {
        Cells leads = new Cells(cfg).add(
                created("c1", "L-1", "2026-03-02T09:30+08:00").build(),
                created("c2", "L-2", "2026-03-10T09:30+08:00").build(),
                created("c3", "L-3", "2026-03-02T09:30+08:00").build(), lost("l3", "L-3", "2026-03-03T09:30+08:00", "price"));
        Instant now = t("2026-03-16T09:30+08:00");
        List<OutputRecord> snap = view.stageSnapshot(leads.totals(), leads.states(), now);
        assertThat(snap).hasSize(1);
        assertThat(valueOf(snap, new SnapshotKey("all", "all", "lead"))).isEqualTo(new StageSnapshotValue(2, 1, now));
        assertThat(((StageSnapshotValue) view.stageSnapshot(leads.totals(), leads.states(), now.minusMillis(1))
                .get(0).value()).stalled()).isZero();
    }

    @Test
    void targetProgressStatuses() {
        FunnelConfig withTargets = TestFunnel.builder().periods(PeriodKind.WEEK).dimensions()
                .targets(Map.of("2026-Q1", Map.of("lead", 4L, "discovery", 4L, "proposal", 0L, "won", 0L,
                        "negotiation", 2L)))
                .build();
        Cells leads = new Cells(withTargets);
        for (int i = 1; i <= 3; i++) {
            leads.add(created("c" + i, "L-" + i, "2026-01-10T09:30+08:00").build());
        }
        leads.add(moved("m1", "L-1", "2026-01-11T09:30+08:00", "discovery"));
        leads.add(moved("w2", "L-2", "2026-01-11T09:30+08:00", "won"));
        MetricsView v = new MetricsView(withTargets);
        // Q1 in Shanghai is 90 days; 45 days in: half elapsed
        Instant half = t("2026-02-15T00:00+08:00");
        List<OutputRecord> progress = v.targetProgress(leads.totals(), half);
        Period q1 = Period.parse("2026-Q1");
        // lead: 3 of 4, expected 2 -> ON_TRACK
        assertThat(valueOf(progress, new TargetProgressKey(q1, "lead", TargetProgressKey.REACHED)))
                .isEqualTo(new TargetProgressValue(4, 3, 0.75, 2.0, TargetStatus.ON_TRACK));
        // discovery: 2 of 4 (L-1 and L-2 skipping through), expected 2 -> ON_TRACK (actual >= expected)
        assertThat(valueOf(progress, new TargetProgressKey(q1, "discovery", TargetProgressKey.REACHED)))
                .isEqualTo(new TargetProgressValue(4, 2, 0.5, 2.0, TargetStatus.ON_TRACK));
        // negotiation: 1 of 2 -> ON_TRACK at half; won: target 0 actual 1 -> ACHIEVED, ratio null
        assertThat(valueOf(progress, new TargetProgressKey(q1, "won", TargetProgressKey.REACHED)))
                .isEqualTo(new TargetProgressValue(0, 1, null, 0.0, TargetStatus.ACHIEVED));
        // proposal: target 0 actual 1 -> record; nothing for a target of 0 with actual 0
        assertThat(progress).hasSize(5);
        assertThat(((TargetProgressValue) valueOf(v.targetProgress(leads.totals(), half.plusSeconds(86_400 * 10)),
                new TargetProgressKey(q1, "discovery", TargetProgressKey.REACHED))).status()).isEqualTo(TargetStatus.BEHIND);
        TargetProgressValue after = (TargetProgressValue) valueOf(
                v.targetProgress(leads.totals(), t("2026-05-01T00:00+08:00")), new TargetProgressKey(q1, "lead", TargetProgressKey.REACHED));
        assertThat(after).isEqualTo(new TargetProgressValue(4, 3, 0.75, 4.0, TargetStatus.BEHIND));
        TargetProgressValue before = (TargetProgressValue) valueOf(
                v.targetProgress(leads.totals(), t("2025-12-01T00:00+08:00")), new TargetProgressKey(q1, "lead", TargetProgressKey.REACHED));
        assertThat(before.expectedByNow()).isZero();
        assertThat(before.status()).isEqualTo(TargetStatus.ON_TRACK);
    }

    @Test
    void leadStateHasEveryLeadThatEnteredTheFunnel() {
        Cells leads = new Cells(cfg).add(
                created("c1", "L-1", "2026-03-02T09:30+08:00").owner("").build(),
                dev.funnelstreams.core.fixture.Ev.activity("a", "L-2", "2026-03-02T09:30+08:00"));
        List<OutputRecord> states = view.leadState(leads.states());
        assertThat(states).hasSize(1);
        assertThat(states.get(0).key()).isEqualTo(new LeadStateKey("L-1"));
        assertThat(states.get(0).value()).isEqualTo(new LeadStateValue("lead", true, t("2026-03-02T09:30+08:00"),
                Map.of("lead", t("2026-03-02T09:30+08:00")), null, "C", "expo", t("2026-03-02T09:30+08:00")));
    }
}
