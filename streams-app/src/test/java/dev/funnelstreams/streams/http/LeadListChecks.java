package dev.funnelstreams.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.core.metrics.view.LeadStateKey;
import dev.funnelstreams.core.metrics.view.LeadStateValue;
import dev.funnelstreams.core.metrics.view.OutputRecord;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.core.report.BatchResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code GET /api/leads} against the batch report's lead-state records: paging with the cursor
 * visits every lead once in leadId order with the batch's values, on either instance (each page
 * merges both instances' partitions); filters select the batch's subset; one lead carries its stays.
 */
final class LeadListChecks {

    private LeadListChecks() {
    }

    static void pagesVisitEveryLeadOnceInOrderWithTheBatchValues(ApiClient api, BatchResult batch) {
        Map<String, String> expected = expected(batch, v -> true);
        Map<String, String> seen = pages(api, "/api/leads?limit=7");
        assertThat(new ArrayList<>(seen.keySet())).as("leadId order").isEqualTo(new ArrayList<>(expected.keySet()));
        assertThat(seen).isEqualTo(expected);
    }

    static void filtersSelectTheBatchSubset(ApiClient api, BatchResult batch) {
        assertThat(pages(api, "/api/leads?stage=discovery&active=true&limit=500"))
                .isEqualTo(expected(batch, v -> v.stage().equals("discovery") && v.active()));
        assertThat(pages(api, "/api/leads?tier=A&limit=11")).isEqualTo(expected(batch, v -> "A".equals(v.tier())));
        LeadStateValue any = (LeadStateValue) batch.records().get(OutputTopic.LEAD_STATE).stream()
                .map(OutputRecord::value).filter(v -> ((LeadStateValue) v).owner() != null).findFirst().orElseThrow();
        Map<String, String> ofOwner = pages(api, "/api/leads?limit=9&owner="
                + URLEncoder.encode(any.owner(), StandardCharsets.UTF_8));
        assertThat(ofOwner).isNotEmpty().isEqualTo(expected(batch, v -> any.owner().equals(v.owner())));
    }

    static void oneLeadCarriesItsStaysEndingInItsCurrentStage(ApiClient api, BatchResult batch) {
        for (OutputRecord r : batch.records().get(OutputTopic.LEAD_STATE).subList(0, 20)) {
            String leadId = ((LeadStateKey) r.key()).leadId();
            LeadStateValue v = (LeadStateValue) r.value();
            JsonNode stays = api.ok("/api/leads/" + URLEncoder.encode(leadId, StandardCharsets.UTF_8)).get("stageHistory");
            assertThat(stays).as(leadId).isNotEmpty();
            JsonNode last = stays.get(stays.size() - 1);
            assertThat(last.get("stage").asText()).as(leadId).isEqualTo(v.stage());
            assertThat(last.get("enteredAt").asText()).as(leadId).isEqualTo(v.enteredAt().toString());
            assertThat(last.get("endedBy").isNull()).as("open stay of an active lead " + leadId).isEqualTo(v.active());
        }
    }

    /** Every page from {@code first} on, following {@code next}: leadId -> value text, in answer order. */
    private static Map<String, String> pages(ApiClient api, String first) {
        Map<String, String> seen = new LinkedHashMap<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = api.ok(first + (next == null ? "" : "&after=" + next));
            assertThat(page.get("stale").asBoolean()).isFalse();
            for (JsonNode rec : page.get("records")) {
                String leadId = rec.get("key").get("leadId").asText();
                assertThat(seen.put(leadId, Records.text(rec.get("value")))).as("lead listed twice: " + leadId).isNull();
            }
            next = page.get("next").isNull() ? null : page.get("next").asText();
            assertThat(++pages).as("pages of " + first).isLessThan(1000);
        } while (next != null);
        return seen;
    }

    private static Map<String, String> expected(BatchResult batch, Predicate<LeadStateValue> filter) {
        List<OutputRecord> leads = new ArrayList<>(batch.records().get(OutputTopic.LEAD_STATE));
        leads.sort((a, b) -> java.util.Arrays.compareUnsigned(
                ((LeadStateKey) a.key()).leadId().getBytes(StandardCharsets.UTF_8),
                ((LeadStateKey) b.key()).leadId().getBytes(StandardCharsets.UTF_8)));
        Map<String, String> out = new LinkedHashMap<>();
        for (OutputRecord r : leads) {
            if (filter.test((LeadStateValue) r.value())) {
                out.put(((LeadStateKey) r.key()).leadId(), Records.text(
                        dev.funnelstreams.core.metrics.view.RecordJson.mapper().valueToTree(r.value())));
            }
        }
        return out;
    }
}
