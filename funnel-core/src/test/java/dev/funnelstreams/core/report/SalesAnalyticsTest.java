package dev.funnelstreams.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.core.metrics.view.OutputRecord;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.core.metrics.view.RecordJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 9 on a handful of leads whose numbers are worked out by hand below (UTC, so a day is a
 * calendar day). The leads:
 * <ul>
 *   <li>L-1 (owner a): created in lead 2026-01-01 00:00, discovery 12:00, won 2026-01-02 00:00 for 300.00:
 *       a cycle of exactly one day;</li>
 *   <li>L-2 (owner b): created 2025-01-01, discovery 2025-02-01, won 2026-01-02 for 500.00: 366 days;</li>
 *   <li>L-3 (owner a, estimated 1000.00): created 2026-01-05, discovery 01-06, back to lead 01-07, lost
 *       there 01-08 (price);</li>
 *   <li>L-4 (owner b): created 2026-01-10 estimated 200.00, restated to 400.00 on 01-11, still in lead;</li>
 *   <li>L-5 (owner a, no estimate): created straight into proposal 2026-02-01 (the as-of).</li>
 * </ul>
 */
class SalesAnalyticsTest {

    static final FunnelConfig CONFIG = FunnelConfigLoader.parse("""
            funnel:
              timezone: UTC
              currency: CNY
              stages:
                - {id: lead, probability: 0.1}
                - {id: discovery, probability: 0.25}
                - {id: proposal, probability: 0.5}
                - {id: won, won: true}
              opportunityStage: discovery
              tiers: {A: {minValue: 0}}
              periods: [MONTH, QUARTER, YEAR]
              dimensions: [owner]
              targets:
                2026: {won: 2, wonValue: "1000.00"}
              alerts:
                conversionDrop: {minSample: 1}
            """);

    static final List<String> EVENTS = List.of(
            created("e1", "L-1", "2026-01-01T00:00:00Z", "a", "lead", null),
            moved("e2", "L-1", "2026-01-01T12:00:00Z", "discovery", null),
            moved("e3", "L-1", "2026-01-02T00:00:00Z", "won", "300.00"),
            created("e4", "L-2", "2025-01-01T00:00:00Z", "b", "lead", null),
            moved("e5", "L-2", "2025-02-01T00:00:00Z", "discovery", null),
            moved("e6", "L-2", "2026-01-02T00:00:00Z", "won", "500.00"),
            created("e7", "L-3", "2026-01-05T00:00:00Z", "a", "lead", "1000.00"),
            moved("e8", "L-3", "2026-01-06T00:00:00Z", "discovery", null),
            moved("e9", "L-3", "2026-01-07T00:00:00Z", "lead", null),
            "{\"eventId\":\"e10\",\"type\":\"LeadLost\",\"leadId\":\"L-3\",\"occurredAt\":\"2026-01-08T00:00:00Z\","
                    + "\"reason\":\"price\"}",
            created("e11", "L-4", "2026-01-10T00:00:00Z", "b", "lead", "200.00"),
            "{\"eventId\":\"e12\",\"type\":\"LeadUpdated\",\"leadId\":\"L-4\",\"occurredAt\":\"2026-01-11T00:00:00Z\","
                    + "\"estimatedValue\":\"400.00\"}",
            created("e13", "L-5", "2026-02-01T00:00:00Z", "a", "proposal", null));

    @Test
    void salesKpisOfAMonthWithAOneDayAndAnOver365DayCycle() {
        Map<String, JsonNode> kpis = byKey(run(EVENTS), OutputTopic.SALES_KPIS);
        JsonNode jan = kpis.get(key("2026-01", "all", "all"));
        // opportunities: discovery reached by L-1 and L-3 in January (L-2's was in 2025); wins L-1, L-2; loss L-3
        assertThat(jan.get("opportunities").asLong()).isEqualTo(2);
        assertThat(jan.get("won").asLong()).isEqualTo(2);
        assertThat(jan.get("lost").asLong()).isEqualTo(1);
        assertThat(jan.get("winRate").asDouble()).isEqualTo(2.0 / 3.0);
        assertThat(jan.get("wonValue").asText()).isEqualTo("800.00");
        assertThat(jan.get("avgDealSize").asText()).isEqualTo("400.00");
        assertThat(jan.get("meanCycleDays").asDouble()).isEqualTo(183.5); // (1 + 366) / 2
        // exactly 1 day falls in the first bucket whose bound is > 1; 366 days in the open one
        assertThat(jan.get("cycleDaysHistogram").toString())
                .isEqualTo("[{\"upTo\":2,\"count\":1},{\"upTo\":null,\"count\":1}]");
        assertThat(jan.get("cycleDaysP50").asInt()).isEqualTo(2); // rank ceil(0.5 x 2) = 1
        assertThat(jan.get("cycleDaysP90").isNull()).isTrue(); // rank ceil(0.9 x 2) = 2: the open bucket
        // 2 x 800 x 2 x 86,400,000 / (3 x 367 days in ms) = 3200 / 1101 = 2.9064...
        assertThat(jan.get("salesVelocityPerDay").asText()).isEqualTo("2.91");

        JsonNode ownerA = kpis.get(key("2026-01", "owner", "a"));
        assertThat(ownerA.get("opportunities").asLong()).isEqualTo(2);
        assertThat(ownerA.get("won").asLong()).isEqualTo(1);
        assertThat(ownerA.get("lost").asLong()).isEqualTo(1);
        assertThat(ownerA.get("meanCycleDays").asDouble()).isEqualTo(1.0);
        assertThat(ownerA.get("cycleDaysP90").asInt()).isEqualTo(2);
        assertThat(ownerA.get("salesVelocityPerDay").asText()).isEqualTo("300.00"); // 2 x 300 x 1 / (2 x 1 day)

        // February: an opportunity and nothing closed, so every ratio is null
        JsonNode feb = kpis.get(key("2026-02", "all", "all"));
        assertThat(feb.get("opportunities").asLong()).isEqualTo(1);
        assertThat(feb.get("won").asLong()).isZero();
        assertThat(feb.get("winRate").isNull()).isTrue();
        assertThat(feb.get("avgDealSize").isNull()).isTrue();
        assertThat(feb.get("meanCycleDays").isNull()).isTrue();
        assertThat(feb.get("cycleDaysP50").isNull()).isTrue();
        assertThat(feb.get("salesVelocityPerDay").isNull()).isTrue();
        assertThat(feb.get("cycleDaysHistogram").size()).isZero();
        // the quarter and the year hold the same facts as January and February together
        JsonNode q1 = kpis.get(key("2026-Q1", "all", "all"));
        assertThat(q1.get("opportunities").asLong()).isEqualTo(3);
        assertThat(q1.get("won").asLong()).isEqualTo(2);
        assertThat(kpis.get(key("2026", "all", "all")).toString()).isEqualTo(q1.toString());
        assertThat(kpis.get(key("2025-02", "all", "all")).get("opportunities").asLong()).isEqualTo(1);
    }

    @Test
    void aVelocityPastTheOutputsDecimalRangeIsNull() {
        // a deal of 10^16 won 1 ms after its entry: 8.64 x 10^23 a day, which decimal(24, 2) cannot carry
        Map<String, JsonNode> kpis = byKey(run(List.of(
                created("h1", "L-8", "2026-03-01T00:00:00.000Z", "x", "discovery", null),
                moved("h2", "L-8", "2026-03-01T00:00:00.001Z", "won", "9999999999999999.99"),
                created("h3", "L-9", "2026-03-01T00:00:00.000Z", "y", "discovery", null),
                moved("h4", "L-9", "2026-03-01T00:00:00.010Z", "won", "100.00"))), OutputTopic.SALES_KPIS);

        assertThat(kpis.get(key("2026-03", "owner", "x")).get("salesVelocityPerDay").isNull()).isTrue();
        assertThat(kpis.get(key("2026-03", "owner", "x")).get("wonValue").asText()).isEqualTo("9999999999999999.99");
        assertThat(kpis.get(key("2026-03", "owner", "y")).get("salesVelocityPerDay").asText())
                .isEqualTo("864000000.00"); // 1 x 100 x 1 x 86,400,000 / (1 x 10 ms)
        assertThat(kpis.get(key("2026-03", "all", "all")).get("salesVelocityPerDay").isNull()).isTrue();
    }

    @Test
    void pipelineHoldsOpenLeadsBeforeTheWonStageWeightedByTheirStage() {
        Map<String, JsonNode> pipeline = byKey(run(EVENTS), OutputTopic.PIPELINE);
        // L-4 in lead with its restated value; L-5 in proposal without a value; L-3 lost, L-1 and L-2 won
        assertThat(pipeline.get(pipelineKey("all", "all", "lead")).toString())
                .isEqualTo("{\"openLeads\":1,\"valuedLeads\":1,\"openValue\":\"400.00\",\"weightedValue\":\"40.00\"}");
        assertThat(pipeline.get(pipelineKey("all", "all", "proposal")).toString())
                .isEqualTo("{\"openLeads\":1,\"valuedLeads\":0,\"openValue\":\"0.00\",\"weightedValue\":\"0.00\"}");
        assertThat(pipeline.get(pipelineKey("owner", "b", "lead")).get("openValue").asText()).isEqualTo("400.00");
        assertThat(pipeline).hasSize(4); // (all, owner) x (lead, proposal)
    }

    @Test
    void aLostLeadLeavesThePipelineAndARestatementMovesItsValue() {
        // without the loss, L-3 is back in lead (it moved back) with its 1000.00
        List<String> beforeLoss = EVENTS.stream().filter(l -> !l.contains("\"e10\"")).toList();
        JsonNode lead = byKey(run(beforeLoss), OutputTopic.PIPELINE).get(pipelineKey("all", "all", "lead"));
        assertThat(lead.get("openLeads").asLong()).isEqualTo(2);
        assertThat(lead.get("openValue").asText()).isEqualTo("1400.00");
        assertThat(lead.get("weightedValue").asText()).isEqualTo("140.00");
        // before the restatement L-4 counts with 200.00
        List<String> beforeRestatement = EVENTS.stream().filter(l -> !l.contains("\"e12\"")).toList();
        assertThat(byKey(run(beforeRestatement), OutputTopic.PIPELINE).get(pipelineKey("all", "all", "lead"))
                .get("openValue").asText()).isEqualTo("200.00");
    }

    @Test
    void periodReviewOfAMonthWithLossesByStage() {
        Map<String, JsonNode> reviews = byKey(run(EVENTS), OutputTopic.PERIOD_REVIEW);
        JsonNode jan = reviews.get("{\"period\":\"2026-01\"}");
        assertThat(jan.get("newLeads").asLong()).isEqualTo(3); // L-1, L-3, L-4 reached lead in January
        assertThat(jan.get("previousPeriodLeads").asLong()).isZero();
        assertThat(jan.get("periodOverPeriod").isNull()).isTrue();
        // reaches in January: lead 3, discovery 2 (L-1, L-3), proposal 2 (skipped by both wins), won 2
        assertThat(jan.get("pairs").get(0).get("flowRate").asDouble()).isEqualTo(2.0 / 3.0);
        assertThat(jan.get("pairs").get(1).get("flowRate").asDouble()).isEqualTo(1.0);
        assertThat(jan.get("pairs").get(2).get("flowRate").asDouble()).isEqualTo(1.0);
        assertThat(jan.get("bottleneck").toString()).isEqualTo("{\"fromStage\":\"lead\",\"toStage\":\"discovery\"}");
        assertThat(jan.get("topLossReasons").toString()).isEqualTo("[{\"reason\":\"price\",\"count\":1}]");
        assertThat(jan.get("won").asLong()).isEqualTo(2);
        assertThat(jan.get("wonValue").asText()).isEqualTo("800.00");
        assertThat(jan.get("lossesByStage").toString()).isEqualTo("[{\"stage\":\"lead\",\"lost\":1,\"topReason\":\"price\"},"
                + "{\"stage\":\"discovery\",\"lost\":0,\"topReason\":null},"
                + "{\"stage\":\"proposal\",\"lost\":0,\"topReason\":null}]");
        JsonNode feb = reviews.get("{\"period\":\"2026-02\"}");
        assertThat(feb.get("newLeads").asLong()).isEqualTo(1);
        assertThat(feb.get("previousPeriodLeads").asLong()).isEqualTo(3);
        assertThat(feb.get("periodOverPeriod").asDouble()).isEqualTo(-2.0 / 3.0);
        // quarters from the first with facts (2025-Q1: L-2) to the one containing now, without gaps
        assertThat(reviews.keySet()).contains("{\"period\":\"2025-Q1\"}", "{\"period\":\"2025-Q2\"}",
                "{\"period\":\"2025-Q3\"}", "{\"period\":\"2025-Q4\"}", "{\"period\":\"2026-Q1\"}",
                "{\"period\":\"2025\"}", "{\"period\":\"2026\"}");
        assertThat(reviews.get("{\"period\":\"2025-Q3\"}").get("newLeads").asLong()).isZero();
        assertThat(reviews.get("{\"period\":\"2026\"}").get("previousPeriodLeads").asLong()).isEqualTo(1);
    }

    @Test
    void aWonValueTargetSetsTheMoneyFieldsBesideTheCountTarget() {
        Map<String, JsonNode> progress = byKey(run(EVENTS), OutputTopic.TARGET_PROGRESS);
        JsonNode count = progress.get("{\"period\":\"2026\",\"stage\":\"won\",\"metric\":\"reached\"}");
        assertThat(count.get("target").asLong()).isEqualTo(2);
        assertThat(count.get("actual").asLong()).isEqualTo(2);
        assertThat(count.get("status").asText()).isEqualTo("ACHIEVED");
        assertThat(count.get("targetValue").isNull()).isTrue();
        JsonNode money = progress.get("{\"period\":\"2026\",\"stage\":\"won\",\"metric\":\"wonValue\"}");
        assertThat(money.get("target").isNull()).isTrue();
        assertThat(money.get("actual").isNull()).isTrue();
        assertThat(money.get("expectedByNow").isNull()).isTrue();
        assertThat(money.get("targetValue").asText()).isEqualTo("1000.00");
        assertThat(money.get("actualValue").asText()).isEqualTo("800.00");
        // as of 2026-02-01 00:00 UTC: 31 of 365 days, 1000 x 31 / 365 = 84.9315...
        assertThat(money.get("expectedValueByNow").asText()).isEqualTo("84.93");
        assertThat(money.get("ratio").asDouble()).isEqualTo(0.8);
        assertThat(money.get("status").asText()).isEqualTo("ON_TRACK");
    }

    @Test
    void probabilitiesAndMoneyTargetsAreValidated() {
        String base = """
                funnel:
                  timezone: UTC
                  currency: CNY
                  stages:
                    - {id: lead, probability: %s}
                    - {id: won, won: true%s}
                  opportunityStage: lead
                  tiers: {A: {minValue: 0}}
                  periods: [MONTH]
                  dimensions: []
                  targets: {2026: {wonValue: %s}}
                """;
        assertThatThrownBy(() -> FunnelConfigLoader.parse(base.formatted("1.5", "", "\"1.00\"")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("funnel.stages[0].probability: must be a"
                        + " number from 0 to 1 with at most 2 decimals");
        assertThatThrownBy(() -> FunnelConfigLoader.parse(base.formatted("0.125", "", "\"1.00\"")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("funnel.stages[0].probability");
        assertThatThrownBy(() -> FunnelConfigLoader.parse(base.formatted("0.5", ", probability: 1", "\"1.00\"")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("funnel.stages[1].probability: only stages before the won stage may have one");
        assertThatThrownBy(() -> FunnelConfigLoader.parse(base.formatted("0.5", "", "5000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("funnel.targets.2026.wonValue: must be a decimal string");
        FunnelConfig ok = FunnelConfigLoader.parse(base.formatted("0.5", "", "\"5000000.00\""));
        assertThat(ok.stages().get(0).probability()).contains(new java.math.BigDecimal("0.50"));
        assertThat(ok.valueTargets()).containsEntry("2026", new java.math.BigDecimal("5000000.00"));
    }

    private static BatchResult run(List<String> lines) {
        BatchResult r = BatchReport.run(CONFIG, lines.iterator(), Optional.empty());
        assertThat(r.rejections()).isEmpty();
        return r;
    }

    /** key JSON -> value JSON of one topic. */
    private static Map<String, JsonNode> byKey(BatchResult r, OutputTopic topic) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (OutputRecord o : r.records().get(topic)) {
            out.put(RecordJson.mapper().valueToTree(o.key()).toString(), RecordJson.mapper().valueToTree(o.value()));
        }
        return out;
    }

    private static String key(String period, String dimension, String value) {
        return "{\"period\":\"" + period + "\",\"dimension\":\"" + dimension + "\",\"dimensionValue\":\"" + value + "\"}";
    }

    private static String pipelineKey(String dimension, String value, String stage) {
        return "{\"dimension\":\"" + dimension + "\",\"dimensionValue\":\"" + value + "\",\"stage\":\"" + stage + "\"}";
    }

    private static String created(String id, String lead, String at, String owner, String stage, String value) {
        List<String> fields = new ArrayList<>(List.of("\"eventId\":\"" + id + "\"", "\"type\":\"LeadCreated\"",
                "\"leadId\":\"" + lead + "\"", "\"occurredAt\":\"" + at + "\"", "\"channel\":\"web\"",
                "\"owner\":\"" + owner + "\"", "\"stage\":\"" + stage + "\""));
        if (value != null) {
            fields.add("\"estimatedValue\":\"" + value + "\"");
        }
        return "{" + String.join(",", fields) + "}";
    }

    private static String moved(String id, String lead, String at, String to, String amount) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"StageChanged\",\"leadId\":\"" + lead + "\",\"occurredAt\":\""
                + at + "\",\"toStage\":\"" + to + "\"" + (amount == null ? "" : ",\"amount\":\"" + amount + "\"") + "}";
    }
}
