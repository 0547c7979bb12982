package dev.funnelstreams.streams.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelstreams.core.metrics.view.OutputRecord;
import dev.funnelstreams.core.metrics.view.RecordJson;
import dev.funnelstreams.streams.runtime.Outputs;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Records as comparable text (key -> value), without the fields that depend on the wall clock (SPEC section 7). */
final class Records {

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS,
            true);

    private Records() {
    }

    static Map<String, String> ofBatch(Collection<OutputRecord> records) {
        Map<String, String> out = new TreeMap<>();
        for (OutputRecord r : records) {
            out.put(text(RecordJson.mapper().valueToTree(r.key())), text(RecordJson.mapper().valueToTree(r.value())));
        }
        return out;
    }

    /** The API's {@code [{"key":..,"value":..}]}. */
    static Map<String, String> ofApi(JsonNode array) {
        Map<String, String> out = new TreeMap<>();
        array.forEach(r -> {
            if (out.put(text(r.get("key")), text(r.get("value"))) != null) {
                throw new AssertionError("key twice in one answer: " + r.get("key"));
            }
        });
        return out;
    }

    static String text(JsonNode node) {
        try {
            JsonNode copy = node.deepCopy();
            if (copy instanceof ObjectNode o) {
                Outputs.WALL_CLOCK_FIELDS.forEach(o::remove);
            }
            return JSON.writeValueAsString(JSON.treeToValue(copy, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
