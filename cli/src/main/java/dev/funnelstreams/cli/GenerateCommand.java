package dev.funnelstreams.cli;

import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.core.generate.FunnelGenerator;
import dev.funnelstreams.core.generate.GeneratorOptions;
import dev.funnelstreams.core.generate.GeneratorSummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code funnel generate}: writes synthetic canonical events for a config (see {@link FunnelGenerator}). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes realistic synthetic events (JSON lines) for a funnel config.",
            "The same config, seed and options always give the same bytes."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:done", "1:the config has errors (each on stderr), or the output cannot be written",
            "2:usage error: unknown, missing or bad option"})
public final class GenerateCommand implements Callable<Integer> {

    private static final int PROGRESS_FROM = 10_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The funnel YAML file.")
    Path config;

    @Option(names = "--seed", required = true, paramLabel = "N", description = "Random seed.")
    long seed;

    @Option(names = "--leads", required = true, paramLabel = "N", description = "Number of leads.")
    int leads;

    @Option(names = "--days", defaultValue = "" + GeneratorOptions.DEFAULT_DAYS, paramLabel = "N",
            description = "Days of history (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--start", paramLabel = "DATE",
            description = "First day (YYYY-MM-DD, funnel time zone). Default: DAYS days before today,"
                    + " so that the history ends at the start of today.")
    LocalDate start;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Output file; gzip-compressed when the name ends with .gz.")
    Path out;

    @Override
    public Integer call() {
        if (leads < 0) {
            throw new ParameterException(spec.commandLine(), "--leads must be >= 0 (got " + leads + ")");
        }
        if (days < 1 || days > 36_600) {
            throw new ParameterException(spec.commandLine(), "--days must be 1..36600 (got " + days + ")");
        }
        PrintStream err = System.err;
        FunnelConfig cfg;
        try {
            cfg = FunnelConfigLoader.load(config);
        } catch (ConfigException e) {
            e.errors().forEach(error -> err.println(error.startsWith(config.toString()) ? error : config + ": " + error));
            return ExitCodes.REJECTED;
        }
        LocalDate first = start != null ? start : GeneratorOptions.defaultStart(LocalDate.now(cfg.timezone()), days);
        GeneratorOptions options = new GeneratorOptions(seed, leads, first, days);
        GeneratorSummary summary;
        try (Writer w = open(out)) {
            int step = Math.max(PROGRESS_FROM, leads / 10);
            summary = new FunnelGenerator(cfg, options).generate(line -> {
                w.write(line);
                w.write('\n');
            }, n -> {
                if (leads >= PROGRESS_FROM && (n % step == 0 || n == leads)) {
                    err.printf("generate: %d/%d leads (%d%%)%n", n, leads, (int) (100L * n / leads));
                }
            });
        } catch (IOException e) {
            err.println("funnel generate: cannot write " + out + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
            return ExitCodes.FAILED;
        }
        System.out.print(report(summary, cfg, out));
        return ExitCodes.DONE;
    }

    private static Writer open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException("directory " + parent + " does not exist");
        }
        OutputStream os = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            // fastest level: test data is written once and read a few times; ~20% larger, twice as fast
            os = new GZIPOutputStream(os, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
        }
        return new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
    }

    static String report(GeneratorSummary s, FunnelConfig cfg, Path file) {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        sb.append("wrote ").append(s.lines()).append(" lines to ").append(file).append(": ").append(s.leads())
                .append(" leads, ").append(s.start()).append(" .. ").append(s.endExclusive().minusDays(1))
                .append(" (").append(cfg.timezone()).append(')').append(nl);
        for (Map.Entry<String, Long> e : s.linesByType().entrySet()) {
            sb.append(String.format("  %-15s %9d", e.getKey(), e.getValue()));
            if (e.getKey().equals("ChannelSpend")) {
                sb.append("  (").append(s.restatements()).append(" restatements)");
            }
            sb.append(nl);
        }
        sb.append("  including ").append(s.duplicateLines()).append(" exact duplicate lines and ")
                .append(s.delayedLines()).append(" late (out-of-order) lines").append(nl);
        return sb.toString();
    }
}
