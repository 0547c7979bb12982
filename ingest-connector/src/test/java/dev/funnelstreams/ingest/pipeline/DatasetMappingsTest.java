package dev.funnelstreams.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.funnelstreams.core.event.LeadCreated;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.ParseResult;
import dev.funnelstreams.core.event.StageChanged;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The two real data sets of shared/datasets through their example mappings, checked against the
 * counts in the data sets' READMEs. Skipped when the data sets are not beside the repository.
 */
class DatasetMappingsTest {

    private static final Path DATASETS = Path.of(System.getProperty("funnel.datasets", "../../shared/datasets"));
    private static final Path EXAMPLES = Path.of(System.getProperty("funnel.examples", "../../shared/examples"));

    private static List<LeadEvent> leadEvents(List<MappedRow> rows) {
        return rows.stream().flatMap(r -> r.events().stream())
                .map(e -> ((ParseResult.Lead) e).event()).toList();
    }

    @Test
    void olistGivesOneLeadPerMqlAndOneWinPerClosedDeal() {
        Path dir = DATASETS.resolve("olist-marketing-funnel");
        assumeThat(Files.isDirectory(dir)).as("Olist data set present").isTrue();
        List<MappedRow> rows = Imports.run(Imports.MAPPINGS.resolve("olist.yaml"), dir,
                Imports.config(EXAMPLES.resolve("olist.yaml")),
                dir.resolve("olist_marketing_qualified_leads_dataset.csv"), dir.resolve("olist_closed_deals_dataset.csv"));
        assertThat(rows).hasSize(8842).noneMatch(MappedRow::isRejected);
        List<LeadEvent> events = leadEvents(rows);
        List<LeadCreated> created = events.stream().filter(e -> e instanceof LeadCreated).map(e -> (LeadCreated) e).toList();
        assertThat(created).hasSize(8000);
        assertThat(created.stream().filter(c -> c.owner() != null)).hasSize(842);
        Map<String, Long> byChannel = created.stream().collect(Collectors.groupingBy(LeadCreated::channel, Collectors.counting()));
        assertThat(byChannel).containsEntry("organic_search", 2296L).containsEntry("unknown", 1099L + 60L);
        assertThat(events.stream().filter(e -> e instanceof StageChanged s && s.toStage().equals("won"))).hasSize(842);
        // first_contact_date 2018-02-01 00:00 in Sao Paulo (UTC-2, daylight saving time then).
        assertThat(created.stream().filter(c -> c.leadId().equals("dac32acd4db4c29c230538b72f8dd87d")).findFirst()
                .orElseThrow().occurredAt()).hasToString("2018-02-01T02:00:00Z");
    }

    @Test
    void mavenRejectsProspectingRowsAndGivesWinsAndLosses() {
        Path dir = DATASETS.resolve("maven-crm-sales-opportunities");
        assumeThat(Files.isDirectory(dir)).as("Maven data set present").isTrue();
        List<MappedRow> rows = Imports.run(Imports.MAPPINGS.resolve("maven-crm.yaml"), dir,
                Imports.config(EXAMPLES.resolve("maven.yaml")), dir.resolve("sales_pipeline.csv"));
        assertThat(rows).hasSize(8800);
        assertThat(rows.stream().filter(MappedRow::isRejected)).hasSize(500)
                .allMatch(r -> r.rejection().startsWith("engage_date is empty"));
        Map<String, Long> byType = leadEvents(rows).stream()
                .collect(Collectors.groupingBy(LeadEvent::type, Collectors.counting()));
        assertThat(byType).containsExactlyInAnyOrderEntriesOf(
                Map.of("LeadCreated", 8300L, "StageChanged", 4238L, "LeadLost", 2473L));
        LeadCreated first = (LeadCreated) leadEvents(rows).get(0);
        assertThat(first.leadId()).isEqualTo("1C1I7A6R");
        assertThat(first.estimatedValue()).isEqualByComparingTo("1096.00");
        assertThat(first.customer().industry()).isEqualTo("retail");
        LeadCreated gtxPro = (LeadCreated) leadEvents(rows).stream()
                .filter(e -> e.leadId().equals("Z063OYW0")).findFirst().orElseThrow();
        assertThat(gtxPro.estimatedValue()).isEqualByComparingTo("4821.00");
    }
}
