package dev.funnelstreams.ingest.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelstreams.ingest.pipeline.MappedRow;
import dev.funnelstreams.ingest.pipeline.RowPipeline;
import dev.funnelstreams.ingest.source.JsonRow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A push body (one JSON object, or an array of objects) through the mapping: all items mapped, or
 * the precise reasons why not. Item numbers are 1-based and stand in for line numbers.
 */
final class PushMapper {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Either the mapped rows or the problems (then nothing is produced). */
    record Result(List<MappedRow> rows, List<String> problems) {
    }

    private final RowPipeline pipeline;

    PushMapper(RowPipeline pipeline) {
        this.pipeline = pipeline;
    }

    Result map(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            return new Result(List.of(), List.of("body is not valid JSON: " + e.getOriginalMessage()));
        }
        List<JsonNode> items = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(items::add);
        } else if (root != null) {
            items.add(root);
        }
        if (items.isEmpty()) {
            return new Result(List.of(), List.of("body holds no event (one JSON object or an array of objects)"));
        }
        List<MappedRow> rows = new ArrayList<>(items.size());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode n = items.get(i);
            MappedRow row = n instanceof ObjectNode o
                    ? pipeline.apply(new JsonRow(i + 1, o.toString(), o, null))
                    : pipeline.apply(new JsonRow(i + 1, n.toString(), null, "not a JSON object"));
            if (row.isRejected()) {
                problems.add("item " + (i + 1) + ": " + row.rejection());
            }
            rows.add(row);
        }
        return new Result(problems.isEmpty() ? rows : List.of(), problems);
    }
}
