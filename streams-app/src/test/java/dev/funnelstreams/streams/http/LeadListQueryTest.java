package dev.funnelstreams.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lead list's parameters: what each filter accepts, the cursor, and the trip to another instance. */
class LeadListQueryTest {

    @Test
    void cursorRoundTripsAnyLeadIdThroughAUrlSafeToken() {
        String leadId = "客户/L 1+?&=";
        String cursor = LeadListQuery.cursor(leadId);

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        LeadListQuery q = new LeadListQuery("lead", "张伟", "A", null, true, 20, leadId);
        assertThat(LeadListQuery.ofSelect(StoreScan.Query.parseSelect(
                new StoreScan.Query("s", java.util.List.of(), StoreScan.CellFilter.ANY, q.select()).selectParam())))
                .isEqualTo(q);
    }

    @Test
    void selectOfTheFirstPageWithoutFiltersHoldsOnlyTheLimit() {
        LeadListQuery q = new LeadListQuery(null, null, null, null, null, LeadListQuery.DEFAULT_LIMIT, null);

        assertThat(q.select()).containsOnlyKeys("limit");
        assertThat(LeadListQuery.ofSelect(q.select())).isEqualTo(q);
    }
}
