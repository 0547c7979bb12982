package dev.funnelstreams.ingest.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelstreams.core.event.ParseResult;
import dev.funnelstreams.ingest.mapping.FileMapper;
import dev.funnelstreams.ingest.mapping.RowOutcome;
import dev.funnelstreams.ingest.source.SourceRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Mapping plus validation for one file: a row is all-or-nothing, so that "every row is produced
 * or rejected" holds. If one of its events is invalid, the whole row is rejected with that reason.
 */
public final class RowPipeline {

    private final String file;
    private final FileMapper mapper;
    private final EventGate gate;

    public RowPipeline(String file, FileMapper mapper, EventGate gate) {
        this.file = file;
        this.mapper = mapper;
        this.gate = gate;
    }

    public MappedRow apply(SourceRow row) {
        RowOutcome outcome = mapper.map(row);
        if (outcome.isRejected()) {
            return new MappedRow(file, row.line(), row.raw(), List.of(), outcome.rejection());
        }
        List<ParseResult> events = new ArrayList<>(outcome.events().size());
        for (ObjectNode e : outcome.events()) {
            ParseResult r = gate.check(e);
            if (r instanceof ParseResult.Rejected rej) {
                return new MappedRow(file, row.line(), row.raw(), List.of(), e.path("type").asText("event") + ": " + rej.reason());
            }
            events.add(r);
        }
        return new MappedRow(file, row.line(), row.raw(), List.copyOf(events), null);
    }
}
