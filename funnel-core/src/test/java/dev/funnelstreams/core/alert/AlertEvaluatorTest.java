package dev.funnelstreams.core.alert;

import static dev.funnelstreams.core.fixture.Ev.activity;
import static dev.funnelstreams.core.fixture.Ev.created;
import static dev.funnelstreams.core.fixture.Ev.lost;
import static dev.funnelstreams.core.fixture.Ev.moved;
import static dev.funnelstreams.core.fixture.Ev.t;
import static dev.funnelstreams.core.fixture.Ev.updated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.StageDef;
import dev.funnelstreams.core.fixture.Histories;
import dev.funnelstreams.core.fixture.TestFunnel;
import dev.funnelstreams.core.lead.LeadState;
import dev.funnelstreams.core.metrics.WeekCounts;
import dev.funnelstreams.core.metrics.WeekKey;
import dev.funnelstreams.core.period.Period;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {

    private final FunnelConfig cfg = TestFunnel.standard();
    private final AlertEvaluator alerts = new AlertEvaluator(cfg);

    private LeadState inDiscoverySince0304() {
        return Histories.facts(cfg,
                created("c", "L-1", "2026-03-02T09:30+08:00").value("200000.00").build(),
                moved("m", "L-1", "2026-03-04T09:30+08:00", "discovery"),
                updated("u", "L-1", "2026-03-05T09:30+08:00", null, "C", null)).state();
    }

    @Test
    void stallIsDueWhenNowReachesEnteredAtPlusStallAfter() {
        LeadState lead = inDiscoverySince0304();
        Instant deadline = t("2026-04-03T09:30+08:00");
        assertThat(alerts.openAt(lead, deadline.minusMillis(1)))
                .extracting(Alert::type).doesNotContain(AlertType.STALL);
        Alert stall = alerts.openAt(lead, deadline).stream().filter(a -> a.type() == AlertType.STALL).findFirst()
                .orElseThrow();
        assertThat(stall).isEqualTo(new Alert("047d9632ac8280da18a22587bb729ca5", AlertType.STALL, AlertStatus.RAISED,
                "L-1", "discovery", "需求挖掘", "zhang", "C", "expo", t("2026-03-04T09:30+08:00"), deadline, deadline,
                "线索 L-1 自 2026-03-04 09:30 起停留在「需求挖掘」，已超过 30 天"));
        assertThat(alerts.isStalled(lead, deadline)).isTrue();
        assertThat(alerts.isStalled(lead, deadline.minusMillis(1))).isFalse();
    }

    @Test
    void followUpUsesTheTierNowAndTheLastTouch() {
        LeadState lead = Histories.facts(cfg,
                created("c", "L-1", "2026-03-02T09:30+08:00").build(),
                activity("a", "L-1", "2026-03-03T09:30+08:00"),
                // not a touch; makes the lead tier A (daily) from now on
                updated("u", "L-1", "2026-03-03T12:00+08:00", "600000.00", null, null)).state();
        assertThat(alerts.nextDeadlines(lead)).containsExactly(
                new Deadline(AlertType.STALL, "lead", t("2026-03-02T09:30+08:00"), t("2026-03-16T09:30+08:00")),
                new Deadline(AlertType.FOLLOW_UP_OVERDUE, "lead", t("2026-03-03T09:30+08:00"),
                        t("2026-03-04T09:30+08:00")));
        List<Alert> open = alerts.openAt(lead, t("2026-03-04T09:30+08:00"));
        assertThat(open).hasSize(1);
        Alert a = open.get(0);
        assertThat(a.type()).isEqualTo(AlertType.FOLLOW_UP_OVERDUE);
        assertThat(a.tier()).isEqualTo("A");
        assertThat(a.since()).isEqualTo(t("2026-03-03T09:30+08:00"));
        assertThat(a.alertId()).isEqualTo(AlertIds.of(AlertType.FOLLOW_UP_OVERDUE, "L-1", "lead", a.since()));
        assertThat(a.message()).isEqualTo("线索 L-1（A 级，负责人 zhang）自 2026-03-03 09:30 起未跟进，已超过 1 天");
    }

    @Test
    void inactiveLeadsRaiseNothingAndTiersWithoutCadenceNeverFollowUp() {
        LeadState lostLead = Histories.facts(cfg, created("c", "L-1", "2026-03-02T09:30+08:00").build(),
                lost("l", "L-1", "2026-03-03T09:30+08:00", "price")).state();
        assertThat(alerts.nextDeadlines(lostLead)).isEmpty();
        assertThat(alerts.openAt(lostLead, t("2027-01-01T00:00+08:00"))).isEmpty();

        FunnelConfig noCadence = TestFunnel.builder().tiers(TestFunnel.tier("C", "0", null)).build();
        LeadState wonLead = Histories.facts(noCadence, created("c", "L-2", "2026-03-02T09:30+08:00").build(),
                moved("w", "L-2", "2026-03-03T09:30+08:00", "won")).state();
        // won stage: no stallAfter; tier without followUpEvery: nothing ever
        assertThat(new AlertEvaluator(noCadence).nextDeadlines(wonLead)).isEmpty();
        assertThat(wonLead.active()).isTrue();
    }

    @Test
    void conversionDropUsesExactIntegersOnClosedWeeksOnly() {
        FunnelConfig c = TestFunnel.builder().alerts(5, 20).build();
        AlertEvaluator ev = new AlertEvaluator(c);
        Period w10 = Period.parse("2026-W10");
        Period w11 = Period.parse("2026-W11");
        WeekCounts prev = new WeekCounts(Map.of("lead", 20L, "discovery", 10L), Map.of(), BigDecimal.ZERO, 1);
        // 45% vs 50%: exactly 5 points -> a drop (<=)
        WeekCounts drop = new WeekCounts(Map.of("lead", 20L, "discovery", 9L), Map.of(), BigDecimal.ZERO, 1);
        Map<WeekKey, WeekCounts> weeks = Map.of(new WeekKey(w10), prev, new WeekKey(w11), drop);
        Instant closes = w11.end(c.timezone()).plus(Duration.ofDays(1));
        assertThat(closes).isEqualTo(t("2026-03-17T00:00+08:00"));
        assertThat(ev.conversionDrops(weeks, closes)).isEmpty();
        List<Alert> raised = ev.conversionDrops(weeks, closes.plusMillis(1));
        assertThat(raised).hasSize(1);
        Alert a = raised.get(0);
        assertThat(a.alertId()).isEqualTo(AlertIds.of(AlertType.CONVERSION_DROP, null, "lead", t("2026-03-09T00:00+08:00")));
        assertThat(a.alertId()).isEqualTo("5de56b5493f293c8b88d630ce1725452");
        assertThat(a).isEqualTo(new Alert(a.alertId(), AlertType.CONVERSION_DROP, AlertStatus.RAISED, null, "lead",
                "线索获取", null, null, null, t("2026-03-09T00:00+08:00"), closes, closes.plusMillis(1),
                "2026-W11「线索获取」→「需求挖掘」转化率 45.0%，上周 50.0%，下降 5.0 个百分点"));

        assertThat(ev.isDrop(10, 20, 10, 20)).isFalse();
        assertThat(ev.isDrop(9, 19, 10, 20)).isFalse();
        assertThat(ev.isDrop(0, 20, 10, 20)).isTrue();
        assertThat(new AlertEvaluator(TestFunnel.builder().alerts(6, 20).build()).isDrop(9, 20, 10, 20)).isFalse();
        assertThat(new AlertEvaluator(TestFunnel.builder().alerts(0, 1).build()).isDrop(1, 1, 1, 1)).isTrue();
    }

    @Test
    void writesEnglishWhenStageNamesHaveNoChineseCharacters() {
        FunnelConfig en = TestFunnel.builder().stages(
                TestFunnel.stage("lead", "Lead", Duration.ofHours(36)),
                new StageDef("won", "Won", Optional.empty(), true)).opportunityStage("lead").build();
        LeadState lead = Histories.facts(en, created("c", "L-9", "2026-03-02T09:30+08:00").owner(null).build()).state();
        List<Alert> open = new AlertEvaluator(en).openAt(lead, t("2026-03-10T09:30+08:00"));
        assertThat(open).extracting(Alert::message).containsExactly(
                "Lead L-9 has been in stage \"Lead\" since 2026-03-02 09:30, longer than 36 hours",
                "Lead L-9 (tier C) has had no follow-up since 2026-03-02 09:30, longer than 7 days");
    }
}
