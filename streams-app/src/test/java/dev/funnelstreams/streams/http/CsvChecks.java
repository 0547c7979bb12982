package dev.funnelstreams.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ?format=csv} on a running app: a UTF-8 download with a byte order mark, one header row of
 * the records' flattened field names and one row per JSON record, the Chinese stage names intact.
 */
final class CsvChecks {

    /** A CSV answer: its headers and its text after the byte order mark. */
    record Csv(String contentType, String disposition, List<String> lines) {
    }

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private CsvChecks() {
    }

    static Csv get(URI base, String token, String pathAndQuery) throws Exception {
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(pathAndQuery).isEqualTo(200);
        byte[] body = r.body();
        assertThat(Arrays.copyOf(body, 3)).as("BOM of " + pathAndQuery).isEqualTo(CsvTable.BOM);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n");
        return new Csv(r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Content-Disposition").orElse(""), text.lines().toList());
    }

    static void everyTableIsTheJsonRecordsAsCsv(ApiClient api, URI base, String token, String period) throws Exception {
        String funnel = "/api/funnel?period=" + period + "&dimension=all";
        JsonNode json = api.ok(funnel);
        Csv flow = get(base, token, funnel + "&format=csv&table=stageFlow");
        assertThat(flow.contentType()).isEqualTo("text/csv; charset=utf-8");
        assertThat(flow.disposition()).isEqualTo("attachment; filename=\"funnel-" + period + "-all-stageFlow.csv\"");
        assertThat(flow.lines().get(0)).isEqualTo("key.period,key.dimension,key.dimensionValue,key.stage,"
                + "value.reached,value.entered,value.lost,value.exited,value.meanDaysInStage");
        assertThat(flow.lines()).hasSize(1 + json.get("stageFlow").size());
        JsonNode first = json.get("stageFlow").get(0);
        assertThat(flow.lines().get(1)).startsWith(period + ",all,all," + first.get("key").get("stage").asText() + ","
                + first.get("value").get("reached").asText() + ",");
        assertThat(get(base, token, funnel + "&format=csv&table=lossReasons").lines().get(0))
                .endsWith("key.stage,key.reason,value.count,value.stageLosses,value.share");

        Csv alerts = get(base, token, "/api/alerts?format=csv");
        assertThat(alerts.lines().get(0)).startsWith("key.alertId,value.alertId,value.type,value.status,value.leadId,"
                + "value.stage,value.stageName");
        assertThat(alerts.lines()).as("open alerts (a deadline may pass between two reads: no exact count)").hasSizeGreaterThan(1);
        assertThat(String.join("\n", alerts.lines())).as("Chinese stage names").containsAnyOf("线索获取", "需求挖掘",
                "方案呈现", "商务谈判");

        Csv leads = get(base, token, "/api/leads?limit=5&format=csv");
        assertThat(leads.lines()).hasSize(6);
        assertThat(leads.lines().get(0)).startsWith("key.leadId,value.stage,value.active,value.enteredAt,"
                + "value.reachedAt.lead,");
        for (String list : List.of("/api/channel-costs", "/api/targets", "/api/weekly-review", "/api/snapshot")) {
            Csv csv = get(base, token, list + "?format=csv");
            assertThat(csv.lines()).as(list).hasSize(1 + api.ok(list).get("records").size());
            assertThat(csv.lines().get(0)).as(list).startsWith("key.");
        }
        assertThat(get(base, token, "/api/periods?format=csv").lines().get(0)).isEqualTo("kind,period,current");
        // one lead's stays; a lead owned by the other instance is converted there and named here
        for (JsonNode lead : api.ok("/api/leads?limit=10").get("records")) {
            String leadId = lead.get("key").get("leadId").asText();
            String path = "/api/leads/" + java.net.URLEncoder.encode(leadId, StandardCharsets.UTF_8);
            Csv stays = get(base, token, path + "?format=csv");
            assertThat(stays.disposition()).as(leadId).isEqualTo("attachment; filename=\"lead-history.csv\"");
            assertThat(stays.lines().get(0)).isEqualTo("stage,stageName,enteredAt,endedAt,days,endedBy,lossReason");
            assertThat(stays.lines()).hasSize(1 + api.ok(path).get("stageHistory").size());
        }
    }

    static void badCsvParametersAre400NamingThem(ApiClient api, String period) {
        assertThat(api.get("/api/alerts?format=xml").json().get("error").asText()).startsWith("format:");
        assertThat(api.get("/api/funnel?period=" + period + "&format=csv").json().get("error").asText())
                .startsWith("table: required");
        assertThat(api.get("/api/leads?stage=nowhere&format=csv").json().get("error").asText()).startsWith("stage:");
    }
}
