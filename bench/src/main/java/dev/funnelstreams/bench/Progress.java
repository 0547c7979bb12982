package dev.funnelstreams.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines on stderr, each with the seconds since the benchmark started: {@code [ 12.3s] ...}. */
public final class Progress {

    private final PrintStream err;
    private final long started = System.nanoTime();

    public Progress(PrintStream err) {
        this.err = err;
    }

    public void line(String format, Object... args) {
        err.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - started) / 1e9, String.format(Locale.ROOT, format,
                args));
    }

    /** A line without the time stamp (tables). */
    public void raw(String format, Object... args) {
        err.printf(Locale.ROOT, format + "%n", args);
    }
}
