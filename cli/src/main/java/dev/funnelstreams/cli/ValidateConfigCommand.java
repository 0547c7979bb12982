package dev.funnelstreams.cli;

import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.core.config.Dimension;
import dev.funnelstreams.core.config.Durations;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.ConfigFile;
import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.config.StageDef;
import dev.funnelstreams.core.config.TierDef;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.AppConfigLoader;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/** {@code funnel validate-config F}: shows what each section of a config file defines, or every error in it. */
@Command(name = "validate-config", mixinStandardHelpOptions = true,
        description = {"Checks a config file, every section in it (funnel:, streams:, and the files it includes),",
            "and prints what each section defines.",
            "Exit 0 when valid; else every error, one per line (file: key: problem), and exit 1."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:the file is valid", "1:the file has errors (each on stderr: file: key: problem)",
            "2:usage error: no FILE (or FILE and --config both), unknown option"})
public final class ValidateConfigCommand implements Callable<Integer> {

    /** Stands in for a missing {@code streams.bootstrapServers}: {@code funnel run} may take it as a flag. */
    private static final String BOOTSTRAP_FROM_FLAG = "(not in the file: give --bootstrap-servers)";

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The config YAML file.")
    Path file;

    @Option(names = "--config", paramLabel = "FILE", description = "The config YAML file (instead of FILE, as the "
            + "other commands take it).")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((file == null) == (config == null)) {
            throw new ParameterException(spec.commandLine(), "give the config file once: FILE or --config FILE");
        }
        if (file == null) {
            file = config;
        }
        String out;
        try {
            ConfigFile parsed = ConfigFile.load(file);
            if (parsed.has("streams")) {
                boolean bootstrapInFile = parsed.tree("streams") != null && parsed.tree("streams").hasNonNull(
                        "bootstrapServers");
                AppConfig app = AppConfigLoader.from(parsed, new AppConfigLoader.Overrides(
                        bootstrapInFile ? null : BOOTSTRAP_FROM_FLAG, null, null, null, null, null));
                out = describe(file, app.funnel()) + describeStreams(app);
            } else {
                out = describe(file, parsed.funnel()) + "streams     none (funnel run takes its settings from flags)"
                        + System.lineSeparator();
            }
        } catch (ConfigException e) {
            PrintStream err = System.err;
            for (String error : e.errors()) {
                err.println(error.startsWith(file.toString()) ? error : file + ": " + error);
            }
            return ExitCodes.REJECTED;
        }
        System.out.print(out);
        return ExitCodes.DONE;
    }

    /** The {@code streams:} section in readable form; secrets (token, client and registry settings) are not shown. */
    static String describeStreams(AppConfig a) {
        List<String> out = new ArrayList<>();
        out.add("streams:");
        out.add("  application id     " + a.applicationId());
        out.add("  bootstrap servers  " + a.bootstrapServers());
        out.add("  schema registry    " + (a.schemaRegistryUrl() == null ? "(not in the file: give --schema-registry-url)"
                : a.schemaRegistryUrl()));
        out.add("  state dir          " + a.stateDir());
        out.add("  topics             " + a.partitions() + " partitions, replication factor " + a.replicationFactor()
                + (a.createTopics() ? ", created at start when missing" : ", not created by the app"));
        out.add("  guarantee          " + a.processingGuarantee() + ", buffer flushed before each commit"
                + (a.flushIntervalMs() == 0 ? "" : " and every " + a.flushIntervalMs() + " ms"));
        out.add("  http               " + (a.http().enabled() ? a.http().host() + ":" + a.http().port()
                + (a.http().advertisedHost() == null ? "" : " (advertised as " + a.http().advertisedHost() + ")")
                + (a.http().token() == null ? ", no token" : ", bearer token set") : "off"));
        out.add("  alert timers       every " + a.alertTimers().interval() + ", max lag " + a.alertTimers().maxLag()
                + ", idle after " + a.alertTimers().idleAfter() + ", at most " + a.alertTimers().maxFires()
                + " deadlines per tick");
        out.add("  kafka client keys  " + (a.kafka().isEmpty() ? "none" : String.join(", ", new TreeMap<>(a.kafka())
                .keySet())));
        out.add("  on stop            " + (a.leaveGroupOnClose() ? "leaves the consumer group"
                : "stays in the consumer group until its session ends"));
        return String.join(System.lineSeparator(), out) + System.lineSeparator();
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
