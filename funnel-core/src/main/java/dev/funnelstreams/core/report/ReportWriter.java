package dev.funnelstreams.core.report;

import dev.funnelstreams.core.metrics.view.OutputRecord;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.core.metrics.view.RecordJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Writes a batch result as SPEC section 7 files: one {@code X.jsonl} per topic plus {@code rejected.jsonl}.
 * Lines are rendered to JSON in chunks on worker threads and written in order, so the files are the same
 * for any number of threads.
 */
public final class ReportWriter {

    public static final String REJECTED_FILE = "rejected.jsonl";
    /** Records per rendering task. */
    private static final int CHUNK = 5_000;

    private ReportWriter() {
    }

    /** Writes every topic file (empty when the topic has no records) and the rejections into {@code dir}. */
    public static void write(BatchResult result, Path dir) throws IOException {
        write(result, dir, BatchReport.defaultThreads());
    }

    /** {@link #write(BatchResult, Path)}, rendering on {@code threads} (>= 1) worker threads. */
    public static void write(BatchResult result, Path dir, int threads) throws IOException {
        Files.createDirectories(dir);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "funnel-report-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            for (OutputTopic topic : OutputTopic.values()) {
                write(dir.resolve(topic.fileName()), result.records().getOrDefault(topic, List.of()), RecordJson::lines,
                        pool, threads);
            }
            write(dir.resolve(REJECTED_FILE), result.rejections(), chunk -> render(chunk, RecordJson::write), pool,
                    threads);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Writes {@code records} rendered in chunks by {@code lines} (each line ending in a newline), in order. */
    private static <T> void write(Path file, List<T> records, Function<List<T>, String> lines, ExecutorService pool,
            int threads) throws IOException {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            ArrayDeque<Future<String>> pending = new ArrayDeque<>();
            int next = 0;
            while (next < records.size() || !pending.isEmpty()) {
                while (next < records.size() && pending.size() < 2 * threads) {
                    List<T> chunk = records.subList(next, Math.min(records.size(), next + CHUNK));
                    next += chunk.size();
                    pending.add(pool.submit(() -> lines.apply(chunk)));
                }
                w.write(get(pending.poll()));
            }
        }
    }

    private static <T> String render(List<T> records, Function<T, String> line) {
        StringBuilder sb = new StringBuilder(records.size() * 160);
        for (T r : records) {
            sb.append(line.apply(r)).append('\n');
        }
        return sb.toString();
    }

    private static String get(Future<String> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the report", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
