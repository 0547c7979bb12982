package dev.funnelstreams.ingest.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One line of a rejects file: {@code {"file":..,"line":N,"reason":..,"raw":..}}. The raw row can
 * hold contact data, so a rejects file needs the same care as the input export.
 */
public final class RejectedRowJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RejectedRowJson() {
    }

    public static String of(MappedRow row) {
        ObjectNode n = JSON.createObjectNode();
        n.put("file", row.file());
        n.put("line", row.line());
        n.put("reason", row.rejection());
        n.put("raw", row.raw());
        return n.toString();
    }
}
