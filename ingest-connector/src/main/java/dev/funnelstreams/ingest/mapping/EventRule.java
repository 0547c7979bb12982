package dev.funnelstreams.ingest.mapping;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelstreams.ingest.source.SourceRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * One {@code events:} entry: when its condition holds, a row gives one canonical event of
 * {@code shape}. Field values are compiled {@link Value}s that already normalise their kind.
 */
record EventRule(String key, EventShape shape, Condition when, Map<String, Value> fields) {

    /** Builds the event in the canonical JSON shape; throws {@link RowRejected} with the reason. */
    ObjectNode build(SourceRow row) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("type", shape.name());
        for (Map.Entry<String, Value> f : fields.entrySet()) {
            String name = f.getKey();
            String v;
            try {
                v = f.getValue().eval(row);
            } catch (RowRejected e) {
                throw new RowRejected(shape.name() + "." + name + ": " + e.getMessage());
            }
            if (v == null) {
                if (shape.required().contains(name)) {
                    throw new RowRejected(shape.name() + "." + name + ": " + f.getValue().describe() + " is empty");
                }
                continue;
            }
            int dot = name.indexOf('.');
            if (dot > 0) {
                ObjectNode parent = out.has(name.substring(0, dot))
                        ? (ObjectNode) out.get(name.substring(0, dot))
                        : out.putObject(name.substring(0, dot));
                parent.put(name.substring(dot + 1), v);
            } else {
                out.put(name, v);
            }
        }
        if (!out.hasNonNull("eventId")) {
            out.put("eventId", defaultEventId(out));
        }
        return out;
    }

    /**
     * A deterministic id, so that importing the same export twice gives the same events:
     * type, lead and instant (spend: channel, campaign, date, amount). Hashed when it would not be
     * a valid eventId (too long, spaces or non-ASCII).
     */
    private String defaultEventId(ObjectNode e) {
        String id = shape.isSpend()
                ? "spend-" + e.path("channel").asText() + "-" + e.path("campaign").asText() + "-"
                        + e.path("date").asText() + "-" + e.path("amount").asText()
                : shape.name() + "-" + e.path("leadId").asText() + "-"
                        + Instant.parse(e.path("occurredAt").asText()).toEpochMilli();
        return isValidId(id) ? id : "h-" + sha256(id).substring(0, 40);
    }

    private static boolean isValidId(String id) {
        if (id.isEmpty() || id.length() > 128) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
