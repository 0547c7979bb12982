package dev.funnelstreams.streams.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelstreams.core.metrics.view.OutputRecord;
import dev.funnelstreams.core.metrics.view.RecordJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Output records as comparable JSON, without the fields that depend on the wall clock (SPEC section 7). */
public final class Outputs {

    public static final Set<String> WALL_CLOCK_FIELDS = Set.of("asOf", "stalled", "stalledNow", "expectedByNow", "status",
            "mature", "raisedAt", "expectedValueByNow");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Outputs() {
    }

    /** key JSON text -> value JSON text, both normalised, wall-clock fields removed. */
    public static Map<String, String> ofBatch(List<OutputRecord> records) {
        Map<String, String> out = new TreeMap<>();
        for (OutputRecord r : records) {
            out.put(text(RecordJson.mapper().valueToTree(r.key())), text(RecordJson.mapper().valueToTree(r.value())));
        }
        return out;
    }

    /** The same for records read from a topic ({@link AvroJson}: key JSON -> value JSON). */
    public static Map<String, String> ofStream(Map<JsonNode, JsonNode> records) {
        Map<String, String> out = new TreeMap<>();
        records.forEach((k, v) -> out.put(text(k), text(v)));
        return out;
    }

    /** A readable difference of two record maps (at most a few entries of each kind), empty when equal. */
    public static String diff(Map<String, String> expected, Map<String, String> actual) {
        StringBuilder sb = new StringBuilder();
        expected.forEach((k, v) -> {
            if (!actual.containsKey(k)) {
                line(sb, "missing " + k + " = " + v);
            } else if (!actual.get(k).equals(v)) {
                line(sb, "differs " + k + "\n   batch:  " + v + "\n   stream: " + actual.get(k));
            }
        });
        actual.forEach((k, v) -> {
            if (!expected.containsKey(k)) {
                line(sb, "extra " + k + " = " + v);
            }
        });
        return sb.toString();
    }

    /**
     * The same for a report file of SPEC section 7 ({@code {"key": ..., "value": ...}} per line, as
     * {@code funnel report} writes it); a missing file is an error naming it.
     */
    public static Map<String, String> ofReportFile(Path file) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record = JSON.readTree(line);
                if (!record.has("key") || !record.has("value")) {
                    throw new IOException(file + ":" + number + ": not a report record (no key and value)");
                }
                out.put(text(record.get("key")), text(record.get("value")));
            }
        }
        return out;
    }

    private static void line(StringBuilder sb, String text) {
        if (sb.length() < 4000) {
            sb.append(text).append('\n');
        }
    }

    private static String text(JsonNode node) {
        try {
            JsonNode copy = JSON.readTree(JSON.writeValueAsString(node));
            if (copy instanceof ObjectNode o) {
                WALL_CLOCK_FIELDS.forEach(o::remove);
            }
            return JSON.writeValueAsString(JSON.treeToValue(copy, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
