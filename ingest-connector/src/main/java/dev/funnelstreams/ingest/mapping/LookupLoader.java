package dev.funnelstreams.ingest.mapping;

import dev.funnelstreams.ingest.source.CsvReader;
import dev.funnelstreams.ingest.source.InputFormat;
import dev.funnelstreams.ingest.source.RowReader;
import dev.funnelstreams.ingest.source.SourceRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Loads one {@code lookups:} entry ({@code file}, {@code key}, optional {@code on},
 * {@code delimiter}) into memory. A key that appears twice is a mapping error: the join is by
 * a unique key, and picking one row silently would hide a broken export.
 */
final class LookupLoader {

    /** The connector setting that names the lookup folder (FileSourceConfig.LOOKUP_DIR; this package sits below it). */
    static final String LOOKUP_DIR_SETTING = "lookup.dir";

    private final Path dir;
    private final ValueParser onParser;

    LookupLoader(Path dir, ValueParser onParser) {
        this.dir = dir;
        this.onParser = onParser;
    }

    LookupTable load(String name, YamlNode spec) {
        spec.onlyKeys(Set.of("file", "key", "on", "delimiter"));
        YamlNode fileNode = spec.require("file");
        String key = spec.require("key").text();
        YamlNode onNode = spec.get("on");
        Value on = onNode == null ? Values.column(key) : onParser.parse(onNode, FieldKind.TEXT);
        char delimiter = spec.get("delimiter") == null ? ',' : spec.get("delimiter").text().charAt(0);
        Path path = dir.resolve(fileNode.text());
        if (!Files.isReadable(path)) {
            throw new MappingException(fileNode.key(), "lookup file " + path + " not found or not readable (lookup files"
                    + " are read from " + dir + ", the mapping file's folder unless a lookup folder is given:"
                    + " funnel import --lookup-dir DIR, or the connector's " + LOOKUP_DIR_SETTING + ")");
        }
        Map<String, SourceRow> rows = new HashMap<>();
        try (RowReader r = InputFormat.ofFileName(path.toString()).open(path, delimiter)) {
            if (r instanceof CsvReader csv && !csv.header().containsKey(key)) {
                throw new MappingException(spec.child("key"), "column '" + key + "' is not in the header of " + path
                        + "; columns: " + csv.header().keySet());
            }
            SourceRow row;
            while ((row = r.next()) != null) {
                if (row.malformed() != null) {
                    throw new MappingException(fileNode.key(), path + " line " + row.line() + ": " + row.malformed());
                }
                String k = Values.blankToNull(row.get(key));
                if (k != null && rows.putIfAbsent(k, row) != null) {
                    throw new MappingException(spec.child("key"), "'" + k + "' appears twice in " + path
                            + " (line " + row.line() + ")");
                }
            }
        } catch (IOException e) {
            throw new MappingException(fileNode.key(), "cannot read " + path + ": " + e);
        }
        return new LookupTable(name, on, rows);
    }
}
