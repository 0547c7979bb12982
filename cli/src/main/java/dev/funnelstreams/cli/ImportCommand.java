package dev.funnelstreams.cli;

import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.ingest.mapping.Mapping;
import dev.funnelstreams.ingest.mapping.MappingException;
import dev.funnelstreams.ingest.pipeline.EventGate;
import dev.funnelstreams.ingest.pipeline.FileImport;
import dev.funnelstreams.ingest.pipeline.ImportSummary;
import dev.funnelstreams.ingest.pipeline.JsonLinesImport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code funnel import}: CRM / ad-platform exports to canonical JSON lines through a mapping file. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Map CSV / JSON-lines exports to canonical events (input of `funnel report`).",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:done, every row mapped",
            "1:done with rejected input: the events are written; the rows that could not be mapped are in the"
                + " --rejects file",
            ExitCodes.USAGE_LINE})
public final class ImportCommand implements Callable<Integer> {

    @Option(names = "--mapping", required = true, description = "Mapping YAML (see ingest-connector/README.md).")
    Path mapping;

    @Option(names = "--config", description = "Funnel config; when given, events are also checked against it "
            + "(stages, tiers, currency).")
    Path config;

    @Option(names = "--lookup-dir", description = "Where lookup files are (default: the mapping's folder).")
    Path lookupDir;

    @Option(names = "--out", required = true, description = "Canonical JSON-lines output file.")
    Path out;

    @Option(names = "--rejects", description = "Rejected rows with file, line, reason, raw text "
            + "(default: OUT with .rejected.jsonl).")
    Path rejects;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Export files (.csv, .jsonl, optionally .gz).")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        Mapping m;
        FunnelConfig cfg;
        try {
            cfg = config == null ? null : FunnelConfigLoader.load(config);
            m = Mapping.load(mapping, lookupDir);
        } catch (MappingException | ConfigException e) {
            System.err.println("funnel import: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        for (Path f : files) {
            if (!Files.isReadable(f) || m.forFile(f.getFileName().toString()).isEmpty()) {
                System.err.println("funnel import: " + f + (Files.isReadable(f)
                        ? ": no files: entry of the mapping matches this name" : ": not found or not readable"));
                return ExitCodes.USAGE;
            }
        }
        Path rejectsFile = rejects != null ? rejects
                : out.resolveSibling(out.getFileName().toString().replaceFirst("\\.jsonl$", "") + ".rejected.jsonl");
        JsonLinesImport job = new JsonLinesImport(new FileImport(m, new EventGate(cfg, Clock.systemUTC())));
        ImportSummary summary;
        try (Writer ev = writer(out); Writer rj = writer(rejectsFile)) {
            summary = job.run(files, ev, rj);
        }
        System.err.print(summary.describe());
        System.err.println("events: " + out + ", rejected rows: " + rejectsFile);
        return summary.rowsRejected() > 0 ? ExitCodes.REJECTED : ExitCodes.DONE;
    }

    private static Writer writer(Path p) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8), 1 << 16);
    }
}
