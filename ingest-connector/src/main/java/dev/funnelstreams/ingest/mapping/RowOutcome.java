package dev.funnelstreams.ingest.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What one input row became: canonical events in the SPEC section 2 JSON shape, or a rejection. */
public record RowOutcome(List<ObjectNode> events, String rejection) {

    public static RowOutcome rejected(String reason) {
        return new RowOutcome(List.of(), reason);
    }

    public boolean isRejected() {
        return rejection != null;
    }
}
