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
 * {@code \r\n}; malformed UTF-8 becomes U+FFFD), read from bytes. Each line is cut from the buffer as its bytes
 * and decoded once into its String; a reader decodes every byte into a char buffer first and copies each line out
 * of it (that decoder was 40 % of the report's reading thread: docs/benchmarks.md, seventeenth session).
 * {@link #utf8()} gives the lines undecoded, for a reader that decodes only the values it needs (the batch report).
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
    /** The next line's bytes, read ahead by {@link #hasNext}; null when none is. */
    private byte[] pending;

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
        if (pending == null) {
            try {
                pending = nextLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pending != null;
    }

    @Override
    public String next() {
        return new String(nextUtf8(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * The same lines as their UTF-8 bytes, each its own array, for a reader that decodes only what it needs
     * ({@code EventJson.parse(byte[], int, int)}); {@code new String(line, UTF_8)} is the String line. Both
     * iterators take from the one stream of lines.
     */
    public Iterator<byte[]> utf8() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return EventLines.this.hasNext();
            }

            @Override
            public byte[] next() {
                return nextUtf8();
            }
        };
    }

    private byte[] nextUtf8() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        byte[] line = pending;
        pending = null;
        return line;
    }

    /** The next line's bytes, null at the end. */
    private byte[] nextLine() throws IOException {
        if (skipLf) {
            if (pos == limit && !fill()) {
                return null;
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
                    byte[] line = Arrays.copyOfRange(buf, pos, i);
                    pos = i + 1;
                    skipLf = b == '\r';
                    return line;
                }
            }
            scanned = limit - pos;
            if (!fill()) {
                if (pos == limit) {
                    return null;
                }
                byte[] last = Arrays.copyOfRange(buf, pos, limit);
                pos = limit;
                return last;
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
