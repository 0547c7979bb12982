package dev.funnelstreams.core.report;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * The UTF-8 lines of a file of canonical events, plain or gzip, as {@link BatchReport} takes them: the lines
 * {@code BufferedReader.readLine} gives on an {@code InputStreamReader} (a line ends at {@code \n}, {@code \r} or
 * {@code \r\n}; malformed UTF-8 becomes U+FFFD), read from bytes. Each line is decoded once, straight from the
 * buffer into its String; a reader decodes every byte into a char buffer first and copies each line out of it
 * (that decoder was 40 % of the report's reading thread: docs/benchmarks.md, seventeenth session). {@link #utf8()}
 * gives the lines undecoded, for a reader that decodes only the values it needs (the batch report).
 */
public final class EventLines implements Iterator<String>, Closeable {

    private final InputStream in;
    private byte[] buf;
    /** The unread bytes are {@code buf[pos, limit)}. */
    private int pos;
    private int limit;
    private boolean eof;
    /** The last line ended with {@code \r}: a {@code \n} right after it belongs to that line end. */
    private boolean skipLf;
    private String next;
    /** The line {@link #nextLine} found. */
    private int lineFrom;
    private int lineTo;

    public EventLines(InputStream in) {
        this(in, 1 << 16);
    }

    /** With a first buffer of {@code bufferSize} bytes (it doubles for a longer line): small in tests. */
    EventLines(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** The lines of {@code file}, decompressed when it starts with gzip's magic bytes. */
    public static EventLines open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                in = new GZIPInputStream(in, 1 << 16);
            }
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return new EventLines(in);
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return next != null;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String line = next;
        next = null;
        return line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private String readLine() throws IOException {
        return nextLine() ? new String(buf, lineFrom, lineTo - lineFrom, StandardCharsets.UTF_8) : null;
    }

    /**
     * The same lines as their UTF-8 bytes, each its own array, for a reader that decodes only what it needs
     * ({@code EventJson.parse(byte[], int, int)}); {@code new String(line, UTF_8)} is the String line. Read the
     * lines through one of the two iterators only.
     */
    public Iterator<byte[]> utf8() {
        return new Iterator<>() {
            private byte[] nextBytes;

            @Override
            public boolean hasNext() {
                if (nextBytes == null) {
                    try {
                        nextBytes = nextLine() ? Arrays.copyOfRange(buf, lineFrom, lineTo) : null;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return nextBytes != null;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                byte[] line = nextBytes;
                nextBytes = null;
                return line;
            }
        };
    }

    /** Finds the next line: its bytes are {@code buf[lineFrom, lineTo)} until the next call; false at the end. */
    private boolean nextLine() throws IOException {
        if (skipLf) {
            if (pos == limit && !fill()) {
                return false;
            }
            if (buf[pos] == '\n') {
                pos++;
            }
            skipLf = false;
        }
        int scanned = 0; // bytes after pos already seen to hold no line end
        while (true) {
            for (int i = pos + scanned; i < limit; i++) {
                byte b = buf[i];
                if (b == '\n' || b == '\r') {
                    lineFrom = pos;
                    lineTo = i;
                    pos = i + 1;
                    skipLf = b == '\r';
                    return true;
                }
            }
            scanned = limit - pos;
            if (!fill()) {
                if (pos == limit) {
                    return false;
                }
                lineFrom = pos;
                lineTo = limit;
                pos = limit;
                return true;
            }
        }
    }

    /** Moves the unread bytes to the front (a full buffer doubles) and reads more; false at the stream's end. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n;
        do {
            n = in.read(buf, limit, buf.length - limit);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }
}
