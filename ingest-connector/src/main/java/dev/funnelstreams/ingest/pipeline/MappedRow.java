package dev.funnelstreams.ingest.pipeline;

import dev.funnelstreams.core.event.ParseResult;
import java.util.List;

/**
 * The fate of one input row: its accepted events (lead events and spends, in mapping order) or the
 * reason it was rejected, with its coordinates and raw text for the rejected-rows output.
 */
public record MappedRow(String file, long line, String raw, List<ParseResult> events, String rejection) {

    public boolean isRejected() {
        return rejection != null;
    }
}
