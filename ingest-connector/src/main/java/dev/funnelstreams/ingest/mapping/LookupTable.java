package dev.funnelstreams.ingest.mapping;

import dev.funnelstreams.ingest.source.SourceRow;
import java.util.Map;

/**
 * A side file loaded at start, indexed by its key column; rows of the main file find their
 * partner row through the {@code on} value (a join by key, 1:0..1).
 */
record LookupTable(String name, Value on, Map<String, SourceRow> rows) {

    /** The partner row of a main-file row, or null when there is none. */
    SourceRow find(SourceRow row) {
        String k = on.eval(row);
        return k == null ? null : rows.get(k);
    }
}
