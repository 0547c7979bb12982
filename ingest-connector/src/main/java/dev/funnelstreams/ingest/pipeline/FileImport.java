package dev.funnelstreams.ingest.pipeline;

import dev.funnelstreams.ingest.mapping.FileMapper;
import dev.funnelstreams.ingest.mapping.Mapping;
import dev.funnelstreams.ingest.source.RowReader;
import dev.funnelstreams.ingest.source.SourceRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Runs every row of one file through mapping and validation, in file order. */
public final class FileImport {

    private final Mapping mapping;
    private final EventGate gate;

    public FileImport(Mapping mapping, EventGate gate) {
        this.mapping = mapping;
        this.gate = gate;
    }

    /**
     * Maps the file's rows to {@code sink}, skipping rows that start before {@code fromLine}
     * (a resume point). Throws {@link IllegalArgumentException} when no mapping entry matches the name.
     */
    public void run(Path file, long fromLine, Consumer<MappedRow> sink) throws IOException {
        String name = file.getFileName().toString();
        FileMapper mapper = mapping.forFile(name).orElseThrow(() -> new IllegalArgumentException(
                "no files: entry of mapping " + mapping.name() + " matches " + name));
        RowPipeline pipeline = new RowPipeline(file.toString(), mapper, gate);
        try (RowReader reader = mapper.open(file)) {
            SourceRow row;
            while ((row = reader.next()) != null) {
                if (row.line() >= fromLine) {
                    sink.accept(pipeline.apply(row));
                }
            }
        }
    }
}
