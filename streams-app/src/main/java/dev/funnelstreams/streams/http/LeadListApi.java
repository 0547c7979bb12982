package dev.funnelstreams.streams.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.metrics.view.LeadStateKey;
import dev.funnelstreams.core.metrics.view.RecordJson;
import dev.funnelstreams.streams.StoreNames;
import dev.funnelstreams.streams.http.StoreScan.CellFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/leads?stage=&owner=&tier=&channel=&active=&limit=&after=}: one page of leads'
 * current states (funnel.lead-state records), sorted by leadId, from every partition of the lead
 * store wherever it lives, with the cursor of the next page ({@code next}, null on the last).
 */
final class LeadListApi {

    private final FunnelConfig config;
    private final StoreScan scan;

    LeadListApi(FunnelConfig config, StoreScan scan) {
        this.config = config;
        this.scan = scan;
    }

    Reply leads(Request r) {
        LeadListQuery q = LeadListQuery.of(r, config);
        StoreScan.Scanned s = scan.scan(new StoreScan.Query(StoreNames.LEAD_HISTORIES, List.of(), CellFilter.ANY,
                q.select()), r.header("Authorization"));
        List<byte[][]> entries = new ArrayList<>(s.entries());
        entries.sort(LeadListReader::byKey);
        // each partition sent at most limit + 1 leads after the cursor: more than limit in all means another page
        boolean more = entries.size() > q.limit();
        List<byte[][]> page = entries.subList(0, Math.min(q.limit(), entries.size()));
        List<ApiRecord> records = new ArrayList<>();
        for (byte[][] e : page) {
            records.add(new ApiRecord(new LeadStateKey(new String(e[0], StandardCharsets.UTF_8)), json(e[1])));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stale", s.stale());
        body.put("records", records);
        String next = more ? LeadListQuery.cursor(((LeadStateKey) records.get(records.size() - 1).key()).leadId()) : null;
        body.put("next", next);
        Reply reply = Reply.json(body);
        return next == null ? reply : reply.withHeader(NEXT_HEADER, next);
    }

    /** The next page's cursor also as a header, so that a CSV page (which has no body field for it) can continue. */
    static final String NEXT_HEADER = "X-Funnel-Next";

    private static JsonNode json(byte[] value) {
        try {
            return RecordJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
