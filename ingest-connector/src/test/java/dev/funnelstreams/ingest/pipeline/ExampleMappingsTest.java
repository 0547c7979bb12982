package dev.funnelstreams.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.ChannelSpend;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.LeadLost;
import dev.funnelstreams.core.event.ParseResult;
import dev.funnelstreams.core.event.StageChanged;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example mappings in mappings/ on their sample exports, validated against a funnel config. */
class ExampleMappingsTest {

    private static final FunnelConfig FUNNEL = Imports.config(Path.of("src/test/resources/funnel.yaml"));
    private static final Path SAMPLES = Imports.MAPPINGS.resolve("samples");

    private static List<LeadEvent> leadEvents(List<MappedRow> rows) {
        return rows.stream().flatMap(r -> r.events().stream())
                .filter(e -> e instanceof ParseResult.Lead).map(e -> ((ParseResult.Lead) e).event()).toList();
    }

    @Test
    void hubspotDealsGiveOneStageChangePerDateEnteredColumn() {
        List<MappedRow> rows = Imports.run(Imports.MAPPINGS.resolve("hubspot-deals.yaml"), null, FUNNEL,
                SAMPLES.resolve("hubspot-deals.csv"));
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).events()).hasSize(5);
        StageChanged won = (StageChanged) ((ParseResult.Lead) rows.get(0).events().get(4)).event();
        assertThat(won.toStage()).isEqualTo("won");
        assertThat(won.amount()).isEqualByComparingTo(new BigDecimal("250000.00"));
        assertThat(won.occurredAt()).hasToString("2026-04-01T08:45:00Z");
        LeadLost lost = (LeadLost) ((ParseResult.Lead) rows.get(1).events().get(2)).event();
        assertThat(lost.reason()).isEqualTo("price");
        assertThat(rows.get(2).line()).isEqualTo(4);
        assertThat(rows.get(2).events()).hasSize(2);
        assertThat(rows.get(3).line()).isEqualTo(6);
        assertThat(rows.get(3).rejection()).isEqualTo("LeadCreated.occurredAt: column 'Create Date' is empty");
    }

    @Test
    void salesforceHistoryGivesStageChangesAndALossAndRejectsUnknownStageNames() {
        List<MappedRow> rows = Imports.run(Imports.MAPPINGS.resolve("salesforce-opportunity-history.yaml"), null,
                FUNNEL, SAMPLES.resolve("OpportunityHistory.csv"));
        assertThat(leadEvents(rows)).extracting(LeadEvent::type).containsExactly(
                "StageChanged", "StageChanged", "StageChanged", "StageChanged", "LeadLost");
        assertThat(leadEvents(rows).get(0).occurredAt()).hasToString("2026-03-02T01:30:00Z");
        assertThat(rows.get(5).rejection()).isEqualTo("no event rule of files[0] applies to this row");
    }

    @Test
    void adSpendGivesChannelSpendsAndRejectsForeignCurrencyAndBadAmounts() {
        List<MappedRow> rows = Imports.run(Imports.MAPPINGS.resolve("ad-spend.yaml"), null, FUNNEL,
                SAMPLES.resolve("ad-spend-2026-03.csv"));
        List<ChannelSpend> spends = rows.stream().flatMap(r -> r.events().stream())
                .filter(e -> e instanceof ParseResult.Spend).map(e -> ((ParseResult.Spend) e).spend()).toList();
        assertThat(spends).extracting(ChannelSpend::channel).containsExactly("online_ads", "online_ads", "online_ads");
        assertThat(spends.get(2).amount()).isEqualByComparingTo("11250.00");
        assertThat(rows.get(3).rejection()).startsWith("ChannelSpend: currency: \"USD\" is not the reporting currency");
        assertThat(rows.get(4).rejection()).isEqualTo("ChannelSpend.amount: 'abc' is not a decimal amount (template \"${cost}\")");
    }

    @Test
    void canonicalLinesPassThroughTheSameValidation(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("events.jsonl");
        Files.writeString(f, """
                {"eventId":"e-1","type":"LeadCreated","leadId":"L-1","occurredAt":"2026-03-02T09:30:00+08:00","channel":"expo"}
                {"eventId":"e-2","type":"StageChanged","leadId":"L-1","occurredAt":"2026-03-03T09:30:00+08:00","toStage":"moon"}
                {"eventId":"e-3","type":"LeadCreated","leadId":"L-2","occurredAt":"2026-03-02","channel":"expo"}
                """);
        List<MappedRow> rows = Imports.run(Imports.MAPPINGS.resolve("canonical.yaml"), null, FUNNEL, f);
        assertThat(rows.get(0).isRejected()).isFalse();
        assertThat(rows.get(1).rejection()).startsWith("StageChanged: toStage: unknown stage \"moon\"");
        assertThat(rows.get(2).rejection()).startsWith("LeadCreated: occurredAt");
    }
}
