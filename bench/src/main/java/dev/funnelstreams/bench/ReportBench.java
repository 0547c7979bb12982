package dev.funnelstreams.bench;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.generate.FunnelGenerator;
import dev.funnelstreams.core.generate.GeneratorOptions;
import dev.funnelstreams.core.report.BatchReport;
import dev.funnelstreams.core.report.BatchResult;
import dev.funnelstreams.core.report.BatchStats;
import dev.funnelstreams.core.report.EventLines;
import dev.funnelstreams.core.report.ReportWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.time.Clock;
import java.util.Optional;
import java.util.function.ObjLongConsumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * {@code funnel bench report}: the batch report on a generated file (the docs' 200k-lead file by default: seed 1, 365
 * days from 2025-11-01, gzip) or the user's, run as {@code funnel report} runs it: the lines streamed from the file
 * into {@code BatchReport.run}, then the output files written (to a temporary directory). The clock covers reading,
 * computing and writing, like {@code funnel report}'s own; the heap is {@link HeapSampler}'s.
 */
public final class ReportBench {

    /** What the command was asked; {@code input} null: generate {@code leads} leads. */
    public record Options(int leads, Integer threads, Path input, Path config) {
    }

    /** The result. */
    public record Result(BatchStats stats, double computeSeconds, double writeSeconds, long peakHeap, long poolPeaks) {

        public double seconds() {
            return computeSeconds + writeSeconds;
        }

        public double eventsPerSecond() {
            return stats.read() / seconds();
        }

        public String finalLine() {
            return String.format(Locale.ROOT, "report: %.0f events/s, peak heap %d MB", eventsPerSecond(),
                    Math.round(peakHeap / 1e6));
        }
    }

    private final Options options;
    private final Progress progress;

    public ReportBench(Options options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    public Result run() throws IOException {
        FunnelConfig cfg = BenchApps.funnelConfig(options.config());
        try (WorkDir work = new WorkDir("report")) {
            Path input = options.input();
            if (input == null) {
                input = work.path().resolve("events.jsonl.gz");
                generate(cfg, options.leads(), input);
            }
            int threads = options.threads() != null ? options.threads() : BatchReport.defaultThreads();
            System.gc();
            BatchResult result;
            long t0;
            long t1;
            try (HeapSampler heap = new HeapSampler(); EventLines lines = open(input)) {
                progress.line("report: reading %s", input);
                JvmTimes before = JvmTimes.now();
                t0 = System.nanoTime();
                // as funnel report runs: the same entry points, the same thread count for both
                StringBuilder phases = new StringBuilder();
                List<String> phaseCpu = new ArrayList<>();
                JvmTimes[] phaseStart = {before};
                int processors = Runtime.getRuntime().availableProcessors();
                ObjLongConsumer<String> phaseEnded = (phase, nanos) -> {
                    phases.append(phases.isEmpty() ? "" : ", ")
                            .append(String.format(Locale.ROOT, "%s %.2f s", phase, nanos / 1e9));
                    JvmTimes now = JvmTimes.now();
                    phaseCpu.add(phase + " " + now.since(phaseStart[0]).describe(processors));
                    phaseStart[0] = now;
                };
                result = BatchReport.runUtf8(cfg, lines.utf8(), Optional.empty(), Clock.systemUTC(), threads,
                        phaseEnded);
                t1 = System.nanoTime();
                ReportWriter.write(result, work.path().resolve("out"), threads);
                long t2 = System.nanoTime();
                JvmTimes end = JvmTimes.now();
                phaseCpu.add("write " + end.since(phaseStart[0]).describe(processors));
                JvmTimes spent = end.since(before);
                BatchStats s = result.stats();
                Result r = new Result(s, (t1 - t0) / 1e9, (t2 - t1) / 1e9, heap.sampledPeak(), heap.poolPeaks());
                progress.line("report: %,d events read, %,d applied, %,d rejected, %,d duplicates, %,d leads", s.read(),
                        s.applied(), s.rejected(), s.duplicates(), s.leads());
                progress.line("report: read + compute %.2f s (%s), write %.2f s, total %.2f s: %,.0f events/s",
                        r.computeSeconds(), phases, r.writeSeconds(), r.seconds(), r.eventsPerSecond());
                progress.line("heap: peak in use %,d MB (sampled every 10 ms); sum of the heap pools' peaks %,d MB;"
                        + " max heap %,d MB", Math.round(r.peakHeap() / 1e6), Math.round(r.poolPeaks() / 1e6),
                        Math.round(heap.max() / 1e6));
                progress.line("cpu: %s", spent.describe(processors));
                phaseCpu.forEach(p -> progress.line("cpu: %s", p));
                return r;
            }
        }
    }

    private void generate(FunnelConfig cfg, int leads, Path file) throws IOException {
        long t0 = System.nanoTime();
        OutputStream os = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
        long[] n = {0};
        try (Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16)) {
            new FunnelGenerator(cfg, new GeneratorOptions(1, leads, LocalDate.of(2025, 11, 1), 365)).generate(line -> {
                w.write(line);
                w.write('\n');
                n[0]++;
            });
        }
        progress.line("generated %,d lines for %,d leads (seed 1, 365 days from 2025-11-01) in %.1f s", n[0], leads,
                (System.nanoTime() - t0) / 1e9);
    }

    /** The lines of a plain or gzip file, as funnel report opens it. */
    private static EventLines open(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new UncheckedIOException(new IOException(file + ": not found or not readable"));
        }
        return EventLines.open(file);
    }
}
