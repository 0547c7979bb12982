package dev.funnelstreams.ingest.pipeline;

import dev.funnelstreams.ingest.mapping.FileMapper;
import dev.funnelstreams.ingest.mapping.Mapping;
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
     * Maps the file's rows to {@code sink}, skipping rows that start on a line {@code <= afterLine}.
     * Throws {@link IllegalArgumentException} when no mapping entry matches the file name.
     */
    public void run(Path file, long afterLine, Consumer<MappedRow> sink) throws IOException {
        String name = file.getFileName().toString();
        FileMapper mapper = mapping.forFile(name).orElseThrow(() -> new IllegalArgumentException(
                "no files: entry of mapping " + mapping.name() + " matches " + name));
        try (RowCursor cursor = new RowCursor(file, file.toString(), mapper, gate, afterLine)) {
            MappedRow row;
            while ((row = cursor.next()) != null) {
                sink.accept(row);
            }
        }
    }
}
