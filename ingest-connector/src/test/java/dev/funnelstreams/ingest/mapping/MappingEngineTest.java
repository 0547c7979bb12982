package dev.funnelstreams.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelstreams.ingest.source.RowReader;
import dev.funnelstreams.ingest.source.SourceRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapping engine alone: rows in, canonical JSON objects or rejections out. */
class MappingEngineTest {

    @TempDir
    Path dir;

    private List<RowOutcome> run(String yaml, String fileName, String content) throws IOException {
        Path m = dir.resolve("m.yaml");
        Files.writeString(m, yaml);
        Path f = dir.resolve(fileName);
        Files.writeString(f, content);
        FileMapper mapper = Mapping.load(m, null).forFile(fileName).orElseThrow();
        List<RowOutcome> out = new ArrayList<>();
        try (RowReader r = mapper.open(f)) {
            SourceRow row;
            while ((row = r.next()) != null) {
                out.add(mapper.map(row));
            }
        }
        return out;
    }

    private static final String DEALS = """
            timezone: America/Sao_Paulo
            files:
              - match: "deals*.csv"
                reject:
                  - when: {column: status, equals: Test}
                    reason: test record
                events:
                  - type: LeadCreated
                    leadId: "L-${id}"
                    occurredAt: {column: created, format: yyyy-MM-dd}
                    channel: {column: source, map: {Google: online_ads, Fair: expo}, unmapped: keep, ifEmpty: unknown}
                    stage: {column: stage, map: {Neu: lead, Gewonnen: won, Verloren: lead}}
                    estimatedValue: "${value}"
                    customer.industry: "${industry}"
                  - type: StageChanged
                    when: {column: won_at, notEmpty: true}
                    leadId: "L-${id}"
                    occurredAt: {column: won_at, format: "dd.MM.yyyy HH:mm", zone: Europe/Berlin}
                    toStage: won
                    amount: "${value}"
                  - type: LeadLost
                    when: {all: [{column: stage, equals: Verloren}, {not: {column: reason, empty: true}}]}
                    leadId: "L-${id}"
                    occurredAt: {column: created, format: yyyy-MM-dd}
                    reason: {column: reason, map: {Preis: price}, unmapped: keep}
            """;

    @Test
    void givesSeveralEventsPerRowWhenTheirConditionsHold() throws IOException {
        List<RowOutcome> out = run(DEALS, "deals.csv", """
                id,created,source,stage,value,industry,won_at,status,reason
                1,2018-02-01,Google,Gewonnen,"1,500.5",retail,03.03.2018 14:30,,
                """);
        List<ObjectNode> events = out.get(0).events();
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("LeadCreated", "StageChanged");
        ObjectNode created = events.get(0);
        // Midnight in Sao Paulo (UTC-2 in February 2018, daylight saving time).
        assertThat(created.get("occurredAt").asText()).isEqualTo("2018-02-01T02:00:00Z");
        assertThat(created.get("channel").asText()).isEqualTo("online_ads");
        assertThat(created.get("stage").asText()).isEqualTo("won");
        assertThat(created.get("estimatedValue").asText()).isEqualTo("1500.50");
        assertThat(created.at("/customer/industry").asText()).isEqualTo("retail");
        assertThat(events.get(1).get("occurredAt").asText()).isEqualTo("2018-03-03T13:30:00Z");
        assertThat(events.get(1).get("amount").asText()).isEqualTo("1500.50");
    }

    @Test
    void fillsDefaultsKeepsUnmappedLabelsAndLeavesEmptyFieldsOut() throws IOException {
        List<RowOutcome> out = run(DEALS, "deals.csv", """
                id,created,source,stage,value,industry,won_at,status,reason
                2,2018-07-01,,Verloren,,,,,Zu spät
                3,2018-07-01,Radio,Neu,,,,,
                """);
        ObjectNode created = out.get(0).events().get(0);
        assertThat(created.get("channel").asText()).isEqualTo("unknown");
        assertThat(created.has("estimatedValue")).isFalse();
        assertThat(created.has("customer")).isFalse();
        assertThat(out.get(0).events().get(1).get("reason").asText()).isEqualTo("Zu spät");
        assertThat(out.get(1).events().get(0).get("channel").asText()).isEqualTo("Radio");
    }

    @Test
    void rejectsRowsWithAReasonNamingTheFieldAndTheColumn() throws IOException {
        List<RowOutcome> out = run(DEALS, "deals.csv", """
                id,created,source,stage,value,industry,won_at,status,reason
                4,,Google,Neu,,,,,
                5,2018-07-01,Google,Offen,,,,,
                6,2018-07-01,Google,Neu,12.345,,,,
                7,01/07/2018,Google,Neu,,,,,
                8,2018-07-01,Google,Neu,,,,Test,
                9,2018-07-01,Google,Neu,,,,,,extra
                """);
        assertThat(out).allMatch(RowOutcome::isRejected);
        assertThat(out).extracting(RowOutcome::rejection).containsExactly(
                "LeadCreated.occurredAt: column 'created' is empty",
                "LeadCreated.stage: 'Offen' from column 'stage' is not in the map",
                "LeadCreated.estimatedValue: '12.345' has more than 2 decimals (template \"${value}\")",
                "LeadCreated.occurredAt: '01/07/2018' matches none of [yyyy-MM-dd] (column 'created')",
                "test record",
                "malformed CSV: expected 9 fields, found 10");
    }

    @Test
    void joinsASideFileByKeyAndTestsWhetherAPartnerExists() throws IOException {
        Files.writeString(dir.resolve("closed.csv"), "mql_id,sr_id\nm1,sr-7\n");
        List<RowOutcome> out = run("""
                lookups:
                  closed: {file: closed.csv, key: mql_id}
                files:
                  - match: "mql.csv"
                    events:
                      - type: LeadCreated
                        leadId: "${mql_id}"
                        occurredAt: "${date}"
                        owner: {lookup: closed, column: sr_id}
                      - type: ActivityLogged
                        when: {lookup: closed, found: true}
                        leadId: "${mql_id}"
                        occurredAt: "${date}"
                        activity: closed-deal-on-file
                """, "mql.csv", "mql_id,date\nm1,2018-01-02\nm2,2018-01-03\n");
        assertThat(out.get(0).events()).hasSize(2);
        assertThat(out.get(0).events().get(0).get("owner").asText()).isEqualTo("sr-7");
        assertThat(out.get(1).events()).hasSize(1);
        assertThat(out.get(1).events().get(0).has("owner")).isFalse();
    }

    @Test
    void readsJsonLinesByDottedPathAndEpochMillis() throws IOException {
        List<RowOutcome> out = run("""
                files:
                  - match: "*.jsonl"
                    events:
                      - type: StageChanged
                        leadId: "hs-${objectId}"
                        occurredAt: {column: properties.changedAt, format: epochMillis}
                        toStage: {column: properties.dealstage, map: {closedwon: won}}
                        amount: {column: properties.amount}
                """, "push.jsonl", """
                {"objectId": 42, "properties": {"changedAt": 1772415000000, "dealstage": "closedwon", "amount": 1200.5}}

                not json
                """);
        assertThat(out).hasSize(2);
        ObjectNode e = out.get(0).events().get(0);
        assertThat(e.get("leadId").asText()).isEqualTo("hs-42");
        assertThat(e.get("occurredAt").asText()).isEqualTo("2026-03-02T01:30:00Z");
        assertThat(e.get("amount").asText()).isEqualTo("1200.50");
        assertThat(out.get(1).rejection()).startsWith("malformed JSON line");
    }

    @Test
    void derivesADeterministicEventIdWhenTheMappingGivesNone() throws IOException {
        String yaml = """
                files:
                  - match: "*.csv"
                    events:
                      - type: LeadCreated
                        leadId: "${id}"
                        occurredAt: "${t}"
                """;
        List<RowOutcome> out = run(yaml, "a.csv", "id,t\nL 1,2026-03-02T09:30:00+08:00\nL2,2026-03-02T09:30:00.123456Z\n");
        assertThat(out.get(0).events().get(0).get("eventId").asText()).startsWith("h-").hasSize(42);
        assertThat(out.get(1).events().get(0).get("eventId").asText()).isEqualTo("LeadCreated-L2-1772443800123");
        assertThat(out.get(1).events().get(0).get("occurredAt").asText()).isEqualTo("2026-03-02T09:30:00.123Z");
        assertThat(run(yaml, "a.csv", "id,t\nL 1,2026-03-02T09:30:00+08:00\n").get(0).events().get(0).get("eventId"))
                .isEqualTo(out.get(0).events().get(0).get("eventId"));
    }

    @Test
    void rejectsARowThatNoEventRuleAppliesTo() throws IOException {
        List<RowOutcome> out = run("""
                files:
                  - match: "*.csv"
                    events:
                      - type: LeadLost
                        when: {column: s, in: [Lost, Verloren]}
                        leadId: "${id}"
                        occurredAt: "${t}"
                """, "a.csv", "id,t,s\n1,2026-03-02,Open\n");
        assertThat(out.get(0).rejection()).isEqualTo("no event rule of files[0] applies to this row");
    }
}
