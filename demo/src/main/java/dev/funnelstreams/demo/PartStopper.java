package dev.funnelstreams.demo;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops one part of the demo within a time limit. Ctrl-C must end the demo even when a part's close blocks
 * (a Kafka client or the Connect worker waiting on something that will not come): past the limit the part's
 * threads go to the log, a progress line says so, and the demo stops the next part. The JVM exits once its
 * shutdown hook has returned, whatever the abandoned close still waits for.
 */
final class PartStopper {

    private static final Logger LOG = LoggerFactory.getLogger(PartStopper.class);

    private final Duration limit;
    private final Progress progress;

    PartStopper(Duration limit, Progress progress) {
        this.limit = limit;
        this.progress = progress;
    }

    /** Closes {@code part}; a null name stops silently unless it fails or overruns. */
    void stop(String name, AutoCloseable part) {
        String what = name == null ? part.getClass().getName() : name;
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread closer = new Thread(() -> {
            try {
                part.close();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "funnel-demo-stop-" + what.replace(' ', '-'));
        closer.setDaemon(true);
        closer.start();
        try {
            done.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (name != null) {
                progress.line("stopped " + name);
            }
        } catch (ExecutionException e) {
            LOG.warn("stopping {} failed", what, e.getCause());
            progress.line("stopping " + what + " failed: " + e.getCause());
        } catch (TimeoutException e) {
            LOG.warn("stopping {} did not finish within {}; going on without it. Threads:\n{}", what, limitText(),
                    threadDump());
            progress.line("stopping " + what + " did not finish within " + limitText()
                    + "; going on without it (its threads are in the log)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.line("stopping " + what + " interrupted");
        }
    }

    private String limitText() {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }

    /** Every thread with its whole stack and the locks it holds or waits for. */
    static String threadDump() {
        StringBuilder out = new StringBuilder();
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            out.append('"').append(t.getThreadName()).append("\" ").append(t.getThreadState());
            if (t.getLockName() != null) {
                out.append(" on ").append(t.getLockName());
            }
            if (t.getLockOwnerName() != null) {
                out.append(" held by \"").append(t.getLockOwnerName()).append('"');
            }
            out.append('\n');
            for (StackTraceElement frame : t.getStackTrace()) {
                out.append("    at ").append(frame).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
