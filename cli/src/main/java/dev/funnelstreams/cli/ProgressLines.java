package dev.funnelstreams.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** The lines of a reader as an iterator, printing a progress line every 100,000 lines. */
final class ProgressLines implements Iterator<String> {

    static final long EVERY = 100_000;

    private final BufferedReader reader;
    private final PrintStream progress;
    private String next;
    private long count;

    ProgressLines(BufferedReader reader, PrintStream progress) {
        this.reader = reader;
        this.progress = progress;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = reader.readLine();
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
        if (++count % EVERY == 0) {
            progress.println("funnel report: " + count + " lines read");
        }
        return line;
    }
}
