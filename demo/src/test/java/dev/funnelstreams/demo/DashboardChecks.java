package dev.funnelstreams.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard's tables beyond the funnel, read from its DOM and held to the API: loss-reason
 * shares, conversion-drop alerts, the lead list and one lead's stays, a CSV link's download.
 */
final class DashboardChecks {

    private static final Pattern LOSS_ROW = Pattern.compile(
            "<tr class=\"loss-row\" data-stage=\"([^\"]+)\" data-reason=\"([^\"]+)\" data-share=\"([^\"]*)\">");
    private static final Pattern DROP_ROW = Pattern.compile("<tr class=\"drop-row\" data-alert=\"([^\"]+)\"");
    private static final Pattern LEAD_ROW = Pattern.compile(
            "<tr class=\"lead-row(?: selected)?\" data-lead=\"([^\"]+)\" data-stage=\"[^\"]+\"><td><a href=\"#lead=([^\"]+)\">");
    private static final Pattern STAY_ROW = Pattern.compile(
            "<tr class=\"stay-row\" data-stage=\"([^\"]+)\" data-ended-by=\"([^\"]+)\">");
    private static final Pattern CSV_LINK = Pattern.compile(
            "<a class=\"csv\" data-csv=\"stageFlow\"[^>]* href=\"([^\"]+)\"");

    private DashboardChecks() {
    }

    /** Every loss reason of every stage (dimension all) with the API's share. */
    static void lossSharesEqualTheApis(String dom, JsonNode funnel) {
        Map<String, Double> shown = new LinkedHashMap<>();
        Matcher m = LOSS_ROW.matcher(dom);
        while (m.find()) {
            shown.put(m.group(1) + "|" + m.group(2), Double.valueOf(m.group(3)));
        }
        Map<String, Double> api = new LinkedHashMap<>();
        for (JsonNode r : funnel.path("lossReasons")) {
            if (r.path("key").path("dimensionValue").asText().equals("all")) {
                api.put(r.path("key").path("stage").asText() + "|" + r.path("key").path("reason").asText(),
                        r.path("value").path("share").asDouble());
            }
        }
        assertThat(shown).as("loss shares on the page").isNotEmpty().containsOnlyKeys(api.keySet());
        api.forEach((k, share) -> assertThat(shown.get(k)).as(k).isCloseTo(share, within(1e-12)));
    }

    /** The CONVERSION_DROP alerts of GET /api/alerts (the newest 12), or the page's "none" line when there are none. */
    static void dropAlertsEqualTheApis(String dom, JsonNode alerts, String noneText) {
        List<String> shown = all(DROP_ROW, dom, 1);
        List<String> api = new ArrayList<>();
        for (JsonNode a : alerts.path("records")) {
            if (a.path("value").path("type").asText().equals("CONVERSION_DROP")) {
                api.add(a.path("value").path("alertId").asText());
            }
        }
        assertThat(shown).as("drop alerts on the page").hasSize(Math.min(12, api.size()));
        assertThat(api).containsAll(shown);
        if (api.isEmpty()) {
            assertThat(dom).contains(noneText);
        }
    }

    /** The first page of active leads, each row a link to #lead=ID. */
    static List<String> leadListIsTheApisFirstPage(String dom, JsonNode page) {
        List<String> shown = all(LEAD_ROW, dom, 1);
        List<String> links = all(LEAD_ROW, dom, 2);
        List<String> api = new ArrayList<>();
        page.path("records").forEach(r -> api.add(r.path("key").path("leadId").asText()));
        assertThat(shown).as("lead list").isNotEmpty().isEqualTo(api);
        assertThat(links).as("row links").isEqualTo(api);
        return shown;
    }

    /** After a click (the row's link sets #lead=ID): the lead's stays, as GET /api/leads/{id} has them. */
    static void leadHistoryIsTheApis(String dom, String leadId, JsonNode lead) {
        assertThat(dom).contains("<div id=\"lead-history\" data-lead=\"" + leadId + "\">");
        List<String> shown = new ArrayList<>();
        Matcher m = STAY_ROW.matcher(dom);
        while (m.find()) {
            shown.add(m.group(1) + "|" + m.group(2));
        }
        List<String> api = new ArrayList<>();
        lead.path("stageHistory").forEach(s -> api.add(s.path("stage").asText() + "|"
                + (s.path("endedBy").isNull() ? "open" : s.path("endedBy").asText())));
        assertThat(shown).as("stays of " + leadId).isNotEmpty().isEqualTo(api);
    }

    /** The stage table's CSV link downloads UTF-8 with a BOM, a header row and the Chinese stage names. */
    static void csvLinkDownloadsExcelReadyUtf8(String dom, URI base, List<String> stageNames) throws Exception {
        Matcher m = CSV_LINK.matcher(dom);
        assertThat(m.find()).as("CSV link of the stage table").isTrue();
        String href = m.group(1).replace("&amp;", "&");
        assertThat(href).contains("format=csv").contains("table=stageFlow");
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(href)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment; filename=");
        assertThat(Arrays.copyOf(r.body(), 3)).as("UTF-8 BOM").containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(r.body(), 3, r.body().length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith("key.period,key.dimension,key.dimensionValue,key.stage,value.reached");
        assertThat(text.split("\r\n")).hasSizeGreaterThan(1);
        // the stage names travel in the alerts table; the header and ids here are ASCII, the BOM keeps Excel on UTF-8
        HttpResponse<byte[]> alerts = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base.resolve("/api/alerts?format=csv")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(new String(alerts.body(), StandardCharsets.UTF_8)).containsAnyOf(stageNames.toArray(new String[0]));
    }

    private static List<String> all(Pattern p, String dom, int group) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(dom);
        while (m.find()) {
            out.add(m.group(group));
        }
        return out;
    }
}
