package dev.funnelstreams.core.metrics.view;

import static dev.funnelstreams.core.fixture.Ev.money;
import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.metrics.ChannelCostKey;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.core.metrics.WeekKey;
import dev.funnelstreams.core.period.Period;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

    @Test
    void writesKeyAndValueWithSpecFieldNames() {
        OutputRecord r = new OutputRecord(OutputTopic.STAGE_FLOW,
                new StageFlowKey(Period.parse("2026-W09"), "all", "all", "lead"), new StageFlowValue(3, 3, 0, 2, 1.25));
        assertThat(RecordJson.line(r)).isEqualTo("{\"key\":{\"period\":\"2026-W09\",\"dimension\":\"all\","
                + "\"dimensionValue\":\"all\",\"stage\":\"lead\"},\"value\":{\"reached\":3,\"entered\":3,\"lost\":0,"
                + "\"exited\":2,\"meanDaysInStage\":1.25}}");
    }

    @Test
    void writesMoneyAsStringsAndNullRates() {
        OutputRecord r = new OutputRecord(OutputTopic.CHANNEL_COSTS, new ChannelCostKey(Period.parse("2026-Q1"), "tv"),
                new ChannelCostValue(money("500.00"), 0, 0, 0, money("0"), 0, 0, money("0"), null, null, null, null,
                        -1.0));
        assertThat(RecordJson.line(r)).isEqualTo("{\"key\":{\"period\":\"2026-Q1\",\"channel\":\"tv\"},"
                + "\"value\":{\"spend\":\"500.00\",\"leads\":0,\"opportunities\":0,\"won\":0,\"wonValue\":\"0.00\","
                + "\"opportunitiesInPeriod\":0,\"wonInPeriod\":0,\"wonValueInPeriod\":\"0.00\",\"costPerLead\":null,"
                + "\"costPerOpportunity\":null,\"costPerWon\":null,\"leadToOpportunityRate\":null,\"roi\":-1.0}}");
    }

    @Test
    void writesInstantsInUtcWithAFractionOnlyWhenNonZero() {
        Map<String, Instant> reached = new LinkedHashMap<>();
        reached.put("lead", Instant.parse("2026-03-02T01:30:00Z"));
        reached.put("discovery", Instant.parse("2026-03-03T01:30:00.250Z"));
        OutputRecord r = new OutputRecord(OutputTopic.LEAD_STATE, new LeadStateKey("L-1"),
                new LeadStateValue("discovery", true, Instant.parse("2026-03-03T01:30:00.250Z"), reached, null, "C",
                        "expo", Instant.parse("2026-03-03T01:30:00.250Z")));
        assertThat(RecordJson.line(r)).isEqualTo("{\"key\":{\"leadId\":\"L-1\"},\"value\":{\"stage\":\"discovery\","
                + "\"active\":true,\"enteredAt\":\"2026-03-03T01:30:00.250Z\",\"reachedAt\":{\"lead\":"
                + "\"2026-03-02T01:30:00Z\",\"discovery\":\"2026-03-03T01:30:00.250Z\"},\"owner\":null,\"tier\":\"C\","
                + "\"channel\":\"expo\",\"lastTouchAt\":\"2026-03-03T01:30:00.250Z\"}}");
    }

    @Test
    void writesNestedWeeklyReview() {
        OutputRecord r = new OutputRecord(OutputTopic.WEEKLY_REVIEW, new WeekKey(Period.parse("2026-W53")),
                new WeeklyReviewValue(1, 0, null,
                        List.of(new WeeklyReviewValue.PairChange("lead", "won", 0.0, null, null)), null,
                        List.of(new WeeklyReviewValue.ReasonCount("price", 1)), 0, money("0"), 2L));
        assertThat(RecordJson.line(r)).isEqualTo("{\"key\":{\"week\":\"2026-W53\"},\"value\":{\"newLeads\":1,"
                + "\"previousWeekLeads\":0,\"weekOverWeek\":null,\"pairs\":[{\"fromStage\":\"lead\",\"toStage\":\"won\","
                + "\"flowRate\":0.0,\"previousFlowRate\":null,\"changePoints\":null}],\"bottleneck\":null,"
                + "\"topLossReasons\":[{\"reason\":\"price\",\"count\":1}],\"won\":0,\"wonValue\":\"0.00\","
                + "\"stalledNow\":2}}");
    }

    @Test
    void linesAreTheLinesOfEachRecordThroughOneGenerator() {
        List<OutputRecord> records = List.of(
                new OutputRecord(OutputTopic.STAGE_FLOW, new StageFlowKey(Period.parse("2026-W09"), "all", "all",
                        "lead"), new StageFlowValue(3, 3, 0, 2, 1.25)),
                new OutputRecord(OutputTopic.LEAD_STATE, new LeadStateKey("L-1"), new LeadStateValue("lead", true,
                        Instant.parse("2026-03-03T01:30:00.000250Z"), Map.of("lead",
                                Instant.parse("2026-03-03T01:30:00.000250Z")), "张三", "A", "展会", null)),
                new OutputRecord(OutputTopic.WEEKLY_REVIEW, new WeekKey(Period.parse("2026-W53")),
                        new WeeklyReviewValue(1, 0, null, List.of(), null, List.of(), 0, money("0"), 2L)));
        StringBuilder expected = new StringBuilder();
        records.forEach(r -> expected.append(RecordJson.line(r)).append('\n'));

        assertThat(RecordJson.lines(records)).isEqualTo(expected.toString()).contains("\"2026-03-03T01:30:00.000250Z\"")
                .doesNotContain("} {");
        assertThat(RecordJson.lines(List.of())).isEmpty();
    }
}
