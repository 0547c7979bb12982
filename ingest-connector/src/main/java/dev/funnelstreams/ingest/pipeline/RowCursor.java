package dev.funnelstreams.ingest.pipeline;

import dev.funnelstreams.ingest.mapping.FileMapper;
import dev.funnelstreams.ingest.source.RowReader;
import dev.funnelstreams.ingest.source.SourceRow;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** Pull-style mapping of one file from a resume point: the connector reads a batch per poll. */
public final class RowCursor implements Closeable {

    private final RowReader reader;
    private final RowPipeline pipeline;
    private final long afterLine;

    /** Opens {@code file}; rows starting on a line {@code <= afterLine} are skipped (already done). */
    public RowCursor(Path file, String name, FileMapper mapper, EventGate gate, long afterLine) throws IOException {
        this.reader = mapper.open(file);
        this.pipeline = new RowPipeline(name, mapper, gate);
        this.afterLine = afterLine;
    }

    /** The next row's fate, or null at the end of the file. */
    public MappedRow next() throws IOException {
        SourceRow row;
        while ((row = reader.next()) != null) {
            if (row.line() > afterLine) {
                return pipeline.apply(row);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
