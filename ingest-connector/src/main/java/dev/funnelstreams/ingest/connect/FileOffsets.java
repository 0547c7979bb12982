package dev.funnelstreams.ingest.connect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Source partition and offset of the file connector. A partition is one file version (name,
 * size, modification time), so a new export under an old name is read afresh. The offset
 * {@code {"line": N}} means: every row starting on a line {@code <= N} has all its records in Kafka.
 */
final class FileOffsets {

    static final String LINE = "line";

    private FileOffsets() {
    }

    static Map<String, Object> partition(Path file) throws IOException {
        return Map.of(
                "file", file.getFileName().toString(),
                "size", Files.size(file),
                "modified", Files.getLastModifiedTime(file).toMillis());
    }

    static Map<String, Object> offset(long line) {
        return Map.of(LINE, line);
    }

    /** The committed resume point, 0 when the file was never read. */
    static long lineOf(Map<String, Object> offset) {
        if (offset == null || !(offset.get(LINE) instanceof Number n)) {
            return 0;
        }
        return n.longValue();
    }
}
