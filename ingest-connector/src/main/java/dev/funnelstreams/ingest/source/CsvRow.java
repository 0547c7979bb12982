package dev.funnelstreams.ingest.source;

import java.util.Map;

/** A CSV record; columns are looked up through the header's name-to-index map. */
record CsvRow(long line, String raw, String[] fields, Map<String, Integer> header, String malformed)
        implements SourceRow {

    @Override
    public String get(String column) {
        Integer i = header.get(column);
        return i == null || i >= fields.length ? null : fields[i];
    }
}
