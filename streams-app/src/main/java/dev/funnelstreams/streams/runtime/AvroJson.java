package dev.funnelstreams.streams.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Avro output records as the JSON of the batch files (SPEC section 7), to compare the two. */
public final class AvroJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AvroJson() {
    }

    /** {@code value} (a specific record, or one of its field values) as JSON. */
    public static JsonNode of(Object value) {
        if (value == null) {
            return F.nullNode();
        }
        if (value instanceof SpecificRecord r) {
            ObjectNode o = F.objectNode();
            for (Schema.Field f : r.getSchema().getFields()) {
                o.set(f.name(), of(r.get(f.pos())));
            }
            return o;
        }
        if (value instanceof Instant i) {
            return F.textNode(i.toString());
        }
        if (value instanceof BigDecimal d) {
            return F.textNode(d.toPlainString());
        }
        if (value instanceof CharSequence || value instanceof Enum<?>) {
            return F.textNode(value.toString());
        }
        if (value instanceof Long l) {
            return F.numberNode(l);
        }
        if (value instanceof Integer i) {
            return F.numberNode(i);
        }
        if (value instanceof Double d) {
            return F.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (value instanceof List<?> list) {
            ArrayNode a = F.arrayNode();
            list.forEach(v -> a.add(of(v)));
            return a;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode o = F.objectNode();
            map.forEach((k, v) -> o.set(k.toString(), of(v)));
            return o;
        }
        throw new IllegalArgumentException("no JSON form for " + value.getClass());
    }
}
