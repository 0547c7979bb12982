package dev.funnelstreams.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A JSON-lines record; columns are dotted paths into the object ({@code properties.amount}). */
public record JsonRow(long line, String raw, ObjectNode node, String malformed) implements SourceRow {

    @Override
    public String get(String column) {
        if (node == null) {
            return null;
        }
        JsonNode n = node.get(column);
        if (n == null && column.indexOf('.') > 0) {
            n = node;
            for (String part : column.split("\\.")) {
                n = n.get(part);
                if (n == null) {
                    return null;
                }
            }
        }
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }
}
