package dev.funnelstreams.cli;

import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.core.config.Dimension;
import dev.funnelstreams.core.config.Durations;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.config.StageDef;
import dev.funnelstreams.core.config.TierDef;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code funnel validate-config F}: shows the funnel a config file defines, or every error in it. */
@Command(name = "validate-config", mixinStandardHelpOptions = true,
        description = {"Checks a funnel config file and prints the funnel it defines.",
            "Exit 0 when valid; else every error, one per line (file: key: problem), and exit 1."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:the file is valid", "1:the file has errors (each on stderr: file: key: problem)",
            "2:usage error: no FILE, unknown option"})
public final class ValidateConfigCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The funnel YAML file.")
    Path file;

    @Override
    public Integer call() {
        FunnelConfig config;
        try {
            config = FunnelConfigLoader.load(file);
        } catch (ConfigException e) {
            PrintStream err = System.err;
            for (String error : e.errors()) {
                err.println(error.startsWith(file.toString()) ? error : file + ": " + error);
            }
            return ExitCodes.REJECTED;
        }
        System.out.print(describe(file, config));
        return ExitCodes.DONE;
    }

    /** The funnel in readable form, one fact per line. */
    static String describe(Path file, FunnelConfig c) {
        List<String> out = new ArrayList<>();
        out.add(file + ": valid");
        out.add("timezone    " + c.timezone());
        out.add("currency    " + c.currency());
        out.add("stages (" + c.stages().size() + ", in order):");
        int width = c.stageIds().stream().mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < c.stages().size(); i++) {
            StageDef s = c.stages().get(i);
            String stall = s.stallAfter().map(d -> "stalls after " + Durations.format(d)).orElse("never stalls");
            String marks = (s.won() ? "  [won]" : "") + (s.id().equals(c.opportunityStage()) ? "  [opportunity]" : "");
            out.add(String.format("  %2d. %-" + width + "s  %-20s  %s%s", i + 1, s.id(), stall, s.name(), marks));
        }
        out.add("tiers (highest first; an explicit tier on an event wins):");
        for (TierDef t : c.tiers()) {
            out.add(String.format("  %-6s minValue %-16s %s", t.name(), t.minValue().toPlainString(),
                    t.followUpEvery().map(d -> "follow up every " + Durations.format(d))
                            .orElse("no follow-up cadence")));
        }
        out.add("periods     " + Arrays.stream(PeriodKind.values()).filter(c.periods()::contains).map(Enum::name)
                .collect(Collectors.joining(", ")));
        out.add("dimensions  " + (c.dimensions().isEmpty() ? "none (only all)"
                : c.dimensions().stream().map(Dimension::key).collect(Collectors.joining(", "))));
        out.add("conversion window  " + c.conversionWindow().map(Durations::format).orElse("none (no limit)"));
        if (c.targets().isEmpty()) {
            out.add("targets     none");
        } else {
            out.add("targets:");
            for (Map.Entry<String, Map<String, Long>> period : new TreeMap<>(c.targets()).entrySet()) {
                String counts = c.stageIds().stream().filter(period.getValue()::containsKey)
                        .map(id -> id + " " + period.getValue().get(id)).collect(Collectors.joining(", "));
                out.add("  " + period.getKey() + "  " + (counts.isEmpty() ? "(no stages)" : counts));
            }
        }
        out.add("alerts      conversion drop: >= " + c.alerts().minPoints() + " points, both weeks >= "
                + c.alerts().minSample() + " leads; grace " + Durations.format(c.alerts().grace())
                + "; maxFutureSkew " + Durations.format(c.alerts().maxFutureSkew()));
        return String.join(System.lineSeparator(), out) + System.lineSeparator();
    }
}
