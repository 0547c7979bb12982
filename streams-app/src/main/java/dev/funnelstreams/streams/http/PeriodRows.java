package dev.funnelstreams.streams.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelstreams.core.metrics.view.RecordJson;
import java.util.ArrayList;
import java.util.List;

/** The body of {@code GET /api/periods} as table rows for CSV: one row per period with data, {@code kind, period, current}. */
final class PeriodRows {

    private PeriodRows() {
    }

    static List<JsonNode> of(JsonNode body) {
        List<JsonNode> rows = new ArrayList<>();
        body.path("periods").fields().forEachRemaining(kind -> kind.getValue().forEach(p -> {
            ObjectNode row = RecordJson.mapper().createObjectNode();
            row.put("kind", kind.getKey());
            row.put("period", p.asText());
            row.put("current", p.asText().equals(body.path("current").path(kind.getKey()).asText()));
            rows.add(row);
        }));
        return rows;
    }
}
