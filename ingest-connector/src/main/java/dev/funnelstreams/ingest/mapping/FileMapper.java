package dev.funnelstreams.ingest.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelstreams.ingest.source.JsonRow;
import dev.funnelstreams.ingest.source.RowReader;
import dev.funnelstreams.ingest.source.SourceRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Maps the rows of one input file with the {@code files:} entry that matched its name. */
public final class FileMapper {

    private final FileRule rule;

    FileMapper(FileRule rule) {
        this.rule = rule;
    }

    /** Opens the file with the entry's format and delimiter. */
    public RowReader open(Path file) throws IOException {
        return rule.formatFor(file.getFileName().toString()).open(file, rule.delimiter());
    }

    /** The row's events (all rules whose condition holds, in mapping order) or why it has none. */
    public RowOutcome map(SourceRow row) {
        if (row.malformed() != null) {
            return RowOutcome.rejected(row.malformed());
        }
        if (rule.canonical()) {
            return row instanceof JsonRow j
                    ? new RowOutcome(List.of(j.node()), null)
                    : RowOutcome.rejected("canonical mapping needs JSON lines");
        }
        try {
            for (RejectRule r : rule.rejects()) {
                if (r.when().test(row)) {
                    return RowOutcome.rejected(r.reason());
                }
            }
            List<ObjectNode> out = new ArrayList<>(rule.events().size());
            for (EventRule e : rule.events()) {
                if (e.when().test(row)) {
                    out.add(e.build(row));
                }
            }
            if (out.isEmpty()) {
                return RowOutcome.rejected("no event rule of " + rule.key() + " applies to this row");
            }
            return new RowOutcome(out, null);
        } catch (RowRejected e) {
            return RowOutcome.rejected(e.getMessage());
        }
    }
}
