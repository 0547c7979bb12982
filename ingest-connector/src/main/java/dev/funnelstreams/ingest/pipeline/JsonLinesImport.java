package dev.funnelstreams.ingest.pipeline;

import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.ParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code funnel import} without the command line: maps files and writes canonical JSON lines
 * (the input of {@code funnel report}) and a rejects file, returning the counts.
 */
public final class JsonLinesImport {

    private final FileImport fileImport;

    public JsonLinesImport(FileImport fileImport) {
        this.fileImport = fileImport;
    }

    public ImportSummary run(List<Path> files, Writer events, Writer rejects) throws IOException {
        ImportSummary summary = new ImportSummary();
        try {
            for (Path f : files) {
                fileImport.run(f, 0, row -> {
                    summary.add(row);
                    try {
                        if (row.isRejected()) {
                            rejects.write(RejectedRowJson.of(row));
                            rejects.write('\n');
                        } else {
                            for (ParseResult e : row.events()) {
                                events.write(line(e));
                                events.write('\n');
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return summary;
    }

    private static String line(ParseResult e) {
        if (e instanceof ParseResult.Lead l) {
            return EventJson.write(l.event());
        }
        if (e instanceof ParseResult.Spend s) {
            return EventJson.write(s.spend());
        }
        throw new IllegalStateException("rejected event in a mapped row: " + e);
    }
}
