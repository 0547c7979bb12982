package dev.funnelstreams.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.ingest.mapping.Mapping;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC section 8 through the connector's pipeline: canonical lines with fields their type does not define. */
class IgnoredFieldsImportTest {

    @TempDir
    Path dir;

    @Test
    void aCanonicalLineWithFieldsItsTypeDoesNotDefineIsImportedAndTheFieldsCounted() throws Exception {
        Path file = Files.writeString(dir.resolve("crm.jsonl"), String.join("\n",
                "{\"eventId\":\"e-1\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00Z\","
                        + "\"channel\":\"expo\",\"source_url\":\"https://crm/1\"}",
                "{\"eventId\":\"e-2\",\"type\":\"OwnerChanged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-03T09:30:00Z\","
                        + "\"owner\":\"li.na\",\"note\":\"from the booth\",\"source_url\":\"https://crm/1\"}"));
        JsonLinesImport job = new JsonLinesImport(new FileImport(Mapping.load(Imports.MAPPINGS.resolve("canonical.yaml"),
                null), new EventGate(null, Imports.CLOCK)));
        StringWriter events = new StringWriter();
        StringWriter rejects = new StringWriter();

        ImportSummary summary = job.run(List.of(file), events, rejects);

        assertThat(summary.rowsRejected()).isZero();
        assertThat(summary.leadEvents()).isEqualTo(2);
        assertThat(summary.ignoredFields()).containsExactly(Map.entry("LeadCreated.source_url", 1L),
                Map.entry("OwnerChanged.note", 1L), Map.entry("OwnerChanged.source_url", 1L));
        assertThat(summary.describe()).contains("ignored fields (not defined for their event type): "
                + "LeadCreated.source_url 1, OwnerChanged.note 1, OwnerChanged.source_url 1");
        assertThat(events.toString()).doesNotContain("source_url").doesNotContain("booth");
        assertThat(rejects.toString()).isEmpty();
    }
}
