package dev.funnelstreams.demo;

import java.io.PrintStream;

/** Start-up progress lines with the seconds since the demo started, e.g. {@code [  4.2s] broker ready}. */
final class Progress {

    private final PrintStream out;
    private final long started = System.nanoTime();

    Progress(PrintStream out) {
        this.out = out;
    }

    void line(String text) {
        out.printf("[%5.1fs] %s%n", seconds(), text);
        out.flush();
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
