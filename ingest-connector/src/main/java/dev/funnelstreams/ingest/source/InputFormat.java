package dev.funnelstreams.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** The file formats a mapping reads; {@code .gz} files are decompressed on the fly. */
public enum InputFormat {
    CSV, JSONL;

    /** The format a file name suggests: {@code .jsonl}, {@code .ndjson}, {@code .json} are JSON lines. */
    public static InputFormat ofFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        return n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json") ? JSONL : CSV;
    }

    /** Opens a reader over the file (UTF-8). */
    public RowReader open(Path file, char delimiter) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        InputStreamReader r = new InputStreamReader(in, StandardCharsets.UTF_8);
        return this == CSV ? new CsvReader(r, delimiter) : new JsonLinesReader(r);
    }
}
