package dev.funnelstreams.cli;

import java.io.PrintStream;
import java.util.Iterator;

/** Lines passed through, printing a progress line every 100,000 lines. */
final class ProgressLines<T> implements Iterator<T> {

    static final long EVERY = 100_000;

    private final Iterator<T> lines;
    private final PrintStream progress;
    private long count;

    ProgressLines(Iterator<T> lines, PrintStream progress) {
        this.lines = lines;
        this.progress = progress;
    }

    @Override
    public boolean hasNext() {
        return lines.hasNext();
    }

    @Override
    public T next() {
        T line = lines.next();
        if (++count % EVERY == 0) {
            progress.println("funnel report: " + count + " lines read");
        }
        return line;
    }
}
