package dev.funnelstreams.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard's sales cards (SPEC section 9), read from its DOM and held to the API: the KPI strip
 * (GET /api/sales-kpis), the pipeline table (GET /api/pipeline), the monthly / quarterly review (GET
 * /api/period-review) and the money targets (GET /api/targets). Each number is checked twice: the value
 * the page holds (its data attribute) equals the API's field, and the text the page shows is that value
 * formatted (equal to it up to the rounding of the digits shown).
 */
final class DashboardSalesChecks {

    private static final Pattern KPI = Pattern.compile(
            "<div class=\"kpi\" data-kpi=\"(\\w+)\" data-raw=\"([^\"]*)\"><div class=\"v[^\"]*\">([^<]*)</div>");
    private static final Pattern PIPELINE_ROW = Pattern.compile("<tr class=\"pipeline-row\" data-stage=\"([^\"]+)\""
            + " data-open-leads=\"(\\d+)\" data-valued-leads=\"(\\d+)\" data-open-value=\"([^\"]*)\" data-weighted-value=\"([^\"]*)\">"
            + "<td class=\"stage-name\">([^<]*)</td><td class=\"open-leads\">([^<]*)</td><td class=\"valued-leads\">([^<]*)</td>"
            + "<td class=\"open-value\">([^<]*)</td><td class=\"weighted-value\">([^<]*)</td></tr>");
    private static final Pattern EMPTY_PIPELINE_ROW = Pattern.compile(
            "<tr class=\"pipeline-row\" data-stage=\"([^\"]+)\" data-empty=\"true\">");
    private static final Pattern PAIR_ROW = Pattern.compile("<tr class=\"review-pair(?: bottleneck)?\" data-pair=\"([^\"]+)\""
            + " data-flow-rate=\"([^\"]*)\" data-previous-flow-rate=\"([^\"]*)\" data-change-points=\"([^\"]*)\"><td>[^<]*</td>"
            + "<td>([^<]*)</td><td>([^<]*)</td><td[^>]*>([^<]*)</td></tr>");
    private static final Pattern STAGE_LOSS_ROW = Pattern.compile("<tr class=\"stage-loss\" data-stage=\"([^\"]+)\""
            + " data-lost=\"(\\d+)\" data-top-reason=\"([^\"]*)\"><td>[^<]*</td><td[^>]*>([^<]*)</td>");
    private static final Pattern TOP_LOSS = Pattern.compile(
            "<span class=\"top-loss\" data-reason=\"([^\"]+)\" data-count=\"(\\d+)\">[^<]*?([\\d,]+)</span>");
    private static final Pattern TARGET = Pattern.compile("<div class=\"target(?: money)?\" data-period=\"([^\"]+)\""
            + " data-stage=\"([^\"]+)\" data-metric=\"([^\"]+)\" data-actual=\"([^\"]*)\" data-target=\"([^\"]*)\""
            + " data-ratio=\"([^\"]*)\" data-status=\"([^\"]*)\">.*?<span class=\"actual\">([^<]*)</span> / <span class=\"goal\">([^<]*)</span>"
            + " <span class=\"ratio muted\">([^<]*)</span>");

    private static final String[] KPI_FIELDS = {"winRate", "avgDealSize", "meanCycleDays", "salesVelocityPerDay", "wonValue",
        "won", "lost", "opportunities"};
    private static final String[] REVIEW_FIELDS = {"newLeads", "previousPeriodLeads", "periodOverPeriod", "won", "wonValue"};

    private DashboardSalesChecks() {
    }

    /** The KPI strip shows the one sales-kpis record of the period and breakdown value the page chose. */
    static void kpiStripIsTheApis(String dom, JsonNode salesKpis, String period, String dimension, String value) {
        String strip = between(dom, "<div id=\"kpi-strip\"", "<h2 class=\"sub-heading\">");
        assertThat(strip).as("KPI strip's period and value").contains("data-period=\"" + period + "\"")
                .contains("data-dimension-value=\"" + value + "\"");
        JsonNode record = null;
        for (JsonNode r : salesKpis.path("records")) {
            JsonNode k = r.path("key");
            if (k.path("period").asText().equals(period) && k.path("dimension").asText().equals(dimension)
                    && k.path("dimensionValue").asText().equals(value)) {
                record = r.path("value");
            }
        }
        assertThat(record).as("GET /api/sales-kpis has %s %s=%s (the test picks one that does)", period, dimension, value)
                .isNotNull();
        Map<String, String[]> shown = kpis(strip);
        assertThat(shown.keySet()).as("KPI strip fields").containsExactly(KPI_FIELDS);
        for (String field : KPI_FIELDS) {
            sameValue("KPI " + field, shown.get(field)[0], record.path(field));
            shows("KPI " + field, shown.get(field)[1], record.path(field), field.equals("winRate"));
        }
        Matcher p = Pattern.compile("data-raw-p50=\"([^\"]*)\" data-raw-p90=\"([^\"]*)\"").matcher(strip);
        assertThat(p.find()).as("P50 / P90 shown").isTrue();
        sameValue("cycleDaysP50", p.group(1), record.path("cycleDaysP50"));
        sameValue("cycleDaysP90", p.group(2), record.path("cycleDaysP90"));
    }

    /** One pipeline row per stage before the won stage: the API's record for the chosen value, or "no open leads". */
    static void pipelineIsTheApis(String dom, JsonNode pipeline, JsonNode config, String dimension, String value) {
        assertThat(dom).contains("<table id=\"pipeline-table\" class=\"numbers\" data-dimension-value=\"" + value + "\"");
        Map<String, JsonNode> api = new LinkedHashMap<>();
        for (JsonNode r : pipeline.path("records")) {
            JsonNode k = r.path("key");
            if (k.path("dimension").asText().equals(dimension) && k.path("dimensionValue").asText().equals(value)) {
                api.put(k.path("stage").asText(), r.path("value"));
            }
        }
        assertThat(api).as("GET /api/pipeline has open leads for %s=%s", dimension, value).isNotEmpty();
        List<String> before = new ArrayList<>();
        for (JsonNode s : config.path("stages")) {
            if (s.path("won").asBoolean()) {
                break;
            }
            before.add(s.path("id").asText());
        }
        List<String> rows = new ArrayList<>();
        Matcher m = PIPELINE_ROW.matcher(dom);
        while (m.find()) {
            String stage = m.group(1);
            rows.add(stage);
            JsonNode v = api.get(stage);
            assertThat(v).as("pipeline row %s has an API record", stage).isNotNull();
            assertThat(Long.parseLong(m.group(2))).as(stage + " openLeads").isEqualTo(v.path("openLeads").asLong());
            assertThat(Long.parseLong(m.group(3))).as(stage + " valuedLeads").isEqualTo(v.path("valuedLeads").asLong());
            sameValue(stage + " openValue", m.group(4), v.path("openValue"));
            sameValue(stage + " weightedValue", m.group(5), v.path("weightedValue"));
            shows(stage + " openLeads", m.group(7), v.path("openLeads"), false);
            shows(stage + " valuedLeads", m.group(8), v.path("valuedLeads"), false);
            shows(stage + " openValue", m.group(9), v.path("openValue"), false);
            shows(stage + " weightedValue", m.group(10), v.path("weightedValue"), false);
        }
        Matcher e = EMPTY_PIPELINE_ROW.matcher(dom);
        while (e.find()) {
            assertThat(api).as("stage %s shown without open leads", e.group(1)).doesNotContainKey(e.group(1));
            rows.add(e.group(1));
        }
        assertThat(rows).as("pipeline rows: every stage before the won stage").containsExactlyInAnyOrderElementsOf(before);
        assertThat(api.keySet()).as("every API record shown").isSubsetOf(rows);
    }

    /** The review card shows the period-review record of {@code period}: its numbers, pairs, losses by stage and top reasons. */
    static void periodReviewIsTheApis(String dom, JsonNode review, String period) {
        String card = between(dom, "<section class=\"card\" id=\"period-review-card\"", "</section>");
        assertThat(card).as("review of " + period).contains("<div class=\"kpis\" id=\"period-review-kpis\" data-period=\"" + period + "\">");
        assertThat(review.path("records")).as("GET /api/period-review?period=" + period).hasSize(1);
        JsonNode v = review.path("records").get(0).path("value");
        Map<String, String[]> shown = kpis(card);
        for (String field : REVIEW_FIELDS) {
            assertThat(shown).as("review shows " + field).containsKey(field);
            sameValue("review " + field, shown.get(field)[0], v.path(field));
            shows("review " + field, shown.get(field)[1], v.path(field), field.equals("periodOverPeriod"));
        }
        JsonNode b = v.path("bottleneck");
        assertThat(shown.get("bottleneck")[0]).as("bottleneck")
                .isEqualTo(b.isNull() ? "" : b.path("fromStage").asText() + "|" + b.path("toStage").asText());

        List<String> pairs = new ArrayList<>();
        Matcher m = PAIR_ROW.matcher(card);
        while (m.find()) {
            pairs.add(m.group(1));
        }
        List<String> apiPairs = new ArrayList<>();
        v.path("pairs").forEach(p -> apiPairs.add(p.path("fromStage").asText() + "|" + p.path("toStage").asText()));
        assertThat(pairs).as("review pairs").isNotEmpty().isEqualTo(apiPairs);
        m.reset();
        for (JsonNode p : v.path("pairs")) {
            assertThat(m.find()).isTrue();
            String what = "pair " + m.group(1);
            sameValue(what + " flowRate", m.group(2), p.path("flowRate"));
            sameValue(what + " previousFlowRate", m.group(3), p.path("previousFlowRate"));
            sameValue(what + " changePoints", m.group(4), p.path("changePoints"));
            shows(what + " flowRate", m.group(5), p.path("flowRate"), true);
            shows(what + " previousFlowRate", m.group(6), p.path("previousFlowRate"), true);
            shows(what + " changePoints", m.group(7), p.path("changePoints"), false);
        }

        List<String> losses = new ArrayList<>();
        Matcher l = STAGE_LOSS_ROW.matcher(card);
        while (l.find()) {
            losses.add(l.group(1) + "|" + l.group(2) + "|" + l.group(3));
            assertThat(l.group(4).replace(",", "")).as("lost at " + l.group(1)).isEqualTo(l.group(2));
        }
        List<String> apiLosses = new ArrayList<>();
        v.path("lossesByStage").forEach(s -> apiLosses.add(s.path("stage").asText() + "|" + s.path("lost").asLong() + "|"
                + (s.path("topReason").isNull() ? "" : s.path("topReason").asText())));
        assertThat(losses).as("losses by stage").isNotEmpty().isEqualTo(apiLosses);

        List<String> top = new ArrayList<>();
        Matcher t = TOP_LOSS.matcher(card);
        while (t.find()) {
            top.add(t.group(1) + "|" + t.group(2));
            assertThat(t.group(3).replace(",", "")).as("top loss reason count shown").isEqualTo(t.group(2));
        }
        List<String> apiTop = new ArrayList<>();
        v.path("topLossReasons").forEach(r -> apiTop.add(r.path("reason").asText() + "|" + r.path("count").asLong()));
        assertThat(top).as("top loss reasons").isEqualTo(apiTop);
    }

    /**
     * Every target the card shows is the API's record (count targets: target / actual; money targets:
     * targetValue / actualValue), with its ratio; among them a money target of {@code moneyPeriod}.
     */
    static void targetsAreTheApis(String dom, JsonNode targets, String moneyPeriod, String wonStage) {
        Map<String, JsonNode> api = new LinkedHashMap<>();
        for (JsonNode r : targets.path("records")) {
            JsonNode k = r.path("key");
            api.put(k.path("period").asText() + "|" + k.path("stage").asText() + "|" + k.path("metric").asText(), r.path("value"));
        }
        List<String> shown = new ArrayList<>();
        Matcher m = TARGET.matcher(dom);
        while (m.find()) {
            String key = m.group(1) + "|" + m.group(2) + "|" + m.group(3);
            shown.add(key);
            JsonNode v = api.get(key);
            assertThat(v).as("target %s in GET /api/targets", key).isNotNull();
            boolean money = m.group(3).equals("wonValue");
            JsonNode actual = v.path(money ? "actualValue" : "actual");
            JsonNode target = v.path(money ? "targetValue" : "target");
            assertThat(money ? v.path("target").isNull() && v.path("actual").isNull()
                    : v.path("targetValue").isNull() && v.path("actualValue").isNull())
                    .as(key + ": the other metric's fields are null").isTrue();
            sameValue(key + " actual", m.group(4), actual);
            sameValue(key + " target", m.group(5), target);
            sameValue(key + " ratio", m.group(6), v.path("ratio"));
            assertThat(m.group(7)).as(key + " status").isIn("ACHIEVED", "ON_TRACK", "BEHIND");
            shows(key + " actual shown", m.group(8), actual, false);
            shows(key + " target shown", m.group(9), target, false);
            shows(key + " ratio shown", m.group(10), v.path("ratio"), true);
        }
        assertThat(shown).as("targets shown").contains(moneyPeriod + "|" + wonStage + "|wonValue")
                .anyMatch(k -> k.endsWith("|reached"));
        // every target of a period the card shows is there
        api.keySet().stream().filter(k -> shown.stream().anyMatch(s -> s.startsWith(k.substring(0, k.indexOf('|') + 1))))
                .forEach(k -> assertThat(shown).as("targets of a shown period").contains(k));
    }

    /** data-raw: the API's value as sent (numbers compared as numbers: JS and Java print doubles differently). */
    static void sameValue(String what, String raw, JsonNode api) {
        if (api.isNull() || api.isMissingNode()) {
            assertThat(raw).as(what + " (null in the API)").isEmpty();
        } else if (api.isNumber()) {
            assertThat(new BigDecimal(raw)).as(what).isEqualByComparingTo(api.decimalValue());
        } else {
            assertThat(raw).as(what).isEqualTo(api.asText());
        }
    }

    /**
     * The shown text is the API's value up to the rounding of the digits shown ("¥7,025,210" for "7025210.00",
     * "8.0%" for 0.0798 when {@code percent}); "–" for null.
     */
    static void shows(String what, String text, JsonNode api, boolean percent) {
        String t = text.trim();
        if (api.isNull() || api.isMissingNode()) {
            assertThat(t).as(what + " (null in the API)").isEqualTo("–");
            return;
        }
        String digits = t.replace("¥", "").replace(",", "").replace("%", "").replace("+", "");
        assertThat(digits).as(what + ": a number shown, got \"" + t + "\"").matches("-?\\d+(\\.\\d+)?");
        BigDecimal shown = new BigDecimal(digits);
        BigDecimal expected = new BigDecimal(api.asText());
        if (percent) {
            expected = expected.movePointRight(2);
            assertThat(t).as(what).endsWith("%");
        }
        BigDecimal halfUnit = BigDecimal.ONE.movePointLeft(Math.max(0, shown.scale())).divide(BigDecimal.valueOf(2));
        assertThat(shown.subtract(expected).abs()).as(what + ": \"" + t + "\" shows " + api.asText())
                .isLessThanOrEqualTo(halfUnit.add(new BigDecimal("1e-9")));
    }

    private static Map<String, String[]> kpis(String html) {
        Map<String, String[]> out = new LinkedHashMap<>();
        Matcher m = KPI.matcher(html);
        while (m.find()) {
            out.put(m.group(1), new String[] {m.group(2), m.group(3)});
        }
        return out;
    }

    private static String between(String dom, String start, String end) {
        int i = dom.indexOf(start);
        assertThat(i).as("page holds " + start).isNotNegative();
        int j = dom.indexOf(end, i);
        return dom.substring(i, j < 0 ? dom.length() : j);
    }
}
