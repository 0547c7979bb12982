package dev.funnelstreams.cli;

import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.core.event.Rfc3339;
import dev.funnelstreams.core.report.BatchReport;
import dev.funnelstreams.core.report.BatchResult;
import dev.funnelstreams.core.report.BatchStats;
import dev.funnelstreams.core.report.EventLines;
import dev.funnelstreams.core.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code funnel report}: the metrics of SPEC section 4 from a file of canonical events (section 7). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Compute every output topic from canonical JSON events into DIR/<topic>.jsonl.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:done, every line accepted (or a duplicate)",
            "1:done with rejected input: the outputs are written; the rejected lines are in DIR/rejected.jsonl",
            ExitCodes.USAGE_LINE})
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "Funnel config YAML.")
    Path config;

    @Option(names = "--events", required = true, description = "Canonical JSON lines (lead events and "
            + "ChannelSpend, any order); .gz is decompressed.")
    Path events;

    @Option(names = "--as-of", description = "\"Now\" as RFC 3339, e.g. 2026-04-01T00:00:00+08:00 "
            + "(default: the latest occurredAt among accepted lead events).")
    String asOf;

    @Option(names = "--out", required = true, description = "Output directory (created if missing).")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads that parse the lines and replay "
            + "the leads (default: the available processors, here ${DEFAULT-VALUE}); besides them one thread reads "
            + "the file and one takes the lines in order. Any N gives the same output.")
    int threads = BatchReport.defaultThreads();

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        FunnelConfig cfg;
        Optional<Instant> now;
        try {
            cfg = FunnelConfigLoader.load(config);
            now = asOf == null ? Optional.empty() : Optional.of(Rfc3339.parse(asOf));
        } catch (ConfigException e) {
            String where = e.getMessage().startsWith(config.toString()) ? "" : config + ": ";
            System.err.println("funnel report: " + where + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IllegalArgumentException e) {
            System.err.println("funnel report: --as-of: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (threads < 1) {
            System.err.println("funnel report: --threads: must be at least 1, got " + threads);
            return ExitCodes.USAGE;
        }
        if (!Files.isReadable(events)) {
            System.err.println("funnel report: --events: " + events + ": not found or not readable");
            return ExitCodes.USAGE;
        }
        BatchResult result;
        try (EventLines lines = EventLines.open(events)) {
            result = BatchReport.runUtf8(cfg, new ProgressLines<>(lines.utf8(), System.err), now, Clock.systemUTC(),
                    threads, (phase, nanos) -> { });
        }
        ReportWriter.write(result, out, threads);
        BatchStats s = result.stats();
        System.err.printf(Locale.ROOT, "funnel report: %d events read, %d applied, %d rejected, %d duplicates, "
                        + "%d leads; as-of %s; %.2f s%n", s.read(), s.applied(), s.rejected(), s.duplicates(), s.leads(),
                Rfc3339.format(result.asOf()), (System.nanoTime() - started) / 1e9);
        if (!s.ignoredFields().isEmpty()) {
            System.err.println("funnel report: ignored fields (not defined for their event type; SPEC section 8): "
                    + s.ignoredFields().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(java.util.stream.Collectors.joining(", ")));
        }
        System.err.println("output: " + out + " (rejections in " + out.resolve(ReportWriter.REJECTED_FILE) + ")");
        return s.rejected() > 0 ? ExitCodes.REJECTED : ExitCodes.DONE;
    }
}
