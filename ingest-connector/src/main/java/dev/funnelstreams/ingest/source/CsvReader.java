package dev.funnelstreams.ingest.source;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 CSV with a header line: quoted fields may hold delimiters, doubled quotes and line
 * breaks; CRLF and LF both end a record; a UTF-8 byte-order mark is ignored. A record that breaks
 * the grammar, or whose field count differs from the header's, is returned with a reason in
 * {@link SourceRow#malformed()} so that the caller can reject it and go on.
 */
public final class CsvReader implements RowReader {

    private static final int EOF = -1;

    private final Reader in;
    private final char delimiter;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private long line = 1;
    private final Map<String, Integer> header = new HashMap<>();
    private int headerSize;
    private final StringBuilder raw = new StringBuilder(256);
    private final StringBuilder field = new StringBuilder(64);

    public CsvReader(Reader in, char delimiter) throws IOException {
        this.in = in;
        this.delimiter = delimiter;
        if (peek() == '\uFEFF') {
            pos++;
        }
        Record h = readRecord();
        if (h != null) {
            headerSize = h.fields.size();
            for (int i = 0; i < headerSize; i++) {
                header.putIfAbsent(h.fields.get(i).strip(), i);
            }
        }
    }

    /** The column names of the header, in file order. */
    public Map<String, Integer> header() {
        return header;
    }

    @Override
    public SourceRow next() throws IOException {
        Record r = readRecord();
        if (r == null) {
            return null;
        }
        String why = r.error;
        if (why == null && r.fields.size() != headerSize) {
            why = "malformed CSV: expected " + headerSize + " fields, found " + r.fields.size();
        }
        return new CsvRow(r.line, r.raw, r.fields.toArray(new String[0]), header, why);
    }

    private record Record(long line, String raw, List<String> fields, String error) {
    }

    /** Reads one record, skipping blank lines; null at the end of input. */
    private Record readRecord() throws IOException {
        while (true) {
            int c = peek();
            if (c == EOF) {
                return null;
            }
            if (c == '\n' || c == '\r') {
                consumeLineBreak();
                continue;
            }
            return readNonBlankRecord();
        }
    }

    private Record readNonBlankRecord() throws IOException {
        long start = line;
        raw.setLength(0);
        List<String> fields = new ArrayList<>(headerSize == 0 ? 16 : headerSize);
        String error = null;
        while (true) {
            field.setLength(0);
            int c = peek();
            if (c == '"') {
                take();
                String e = readQuoted();
                if (e != null && error == null) {
                    error = e;
                }
            } else {
                while ((c = peek()) != EOF && c != delimiter && c != '\n' && c != '\r') {
                    field.append((char) take());
                }
            }
            fields.add(field.toString());
            c = peek();
            if (c == delimiter) {
                take();
                continue;
            }
            if (c != EOF) {
                consumeLineBreak();
            }
            return new Record(start, raw.toString(), fields, error);
        }
    }

    /** Reads the rest of a quoted field; returns an error text when the grammar is broken. */
    private String readQuoted() throws IOException {
        while (true) {
            int c = take();
            if (c == EOF) {
                return "malformed CSV: quoted field not closed before the end of the file";
            }
            if (c == '"') {
                if (peek() == '"') {
                    field.append((char) take());
                    continue;
                }
                int n = peek();
                if (n == EOF || n == delimiter || n == '\n' || n == '\r') {
                    return null;
                }
                // Text after the closing quote: keep it (so the field is not lost) but flag the record.
                while ((n = peek()) != EOF && n != delimiter && n != '\n' && n != '\r') {
                    field.append((char) take());
                }
                return "malformed CSV: text after a closing quote";
            }
            if (c == '\n') {
                line++;
            }
            field.append((char) c);
        }
    }

    /** Consumes CRLF, LF or CR without adding it to the raw text of the record. */
    private void consumeLineBreak() throws IOException {
        if (buf[pos++] == '\r' && peek() == '\n') {
            pos++;
        }
        line++;
    }

    private int peek() throws IOException {
        if (pos == len && !fill()) {
            return EOF;
        }
        return buf[pos];
    }

    private int take() throws IOException {
        if (pos == len && !fill()) {
            return EOF;
        }
        char c = buf[pos++];
        raw.append(c);
        return c;
    }

    private boolean fill() throws IOException {
        len = in.read(buf, 0, buf.length);
        pos = 0;
        if (len <= 0) {
            len = 0;
            return false;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
