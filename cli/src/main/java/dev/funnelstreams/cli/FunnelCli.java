package dev.funnelstreams.cli;

import dev.funnelstreams.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** The {@code funnel} command: wiring of the subcommands and the logging defaults, nothing else. */
@Command(
        name = "funnel",
        mixinStandardHelpOptions = true,
        version = "funnel-streams 0.1.0",
        description = "Real-time sales-funnel metrics: batch reports, synthetic data, config checks, benchmarks.",
        subcommands = {
            ReportCommand.class,
            GenerateCommand.class,
            ValidateConfigCommand.class,
            ImportCommand.class,
            RunCommand.class,
            TopicsCommand.class,
            ProduceCommand.class,
            DemoCommand.class,
            AlertsCommand.class,
            CompareCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:done", "1:done with rejected input, or failed", ExitCodes.USAGE_LINE,
            ExitCodes.UNREACHABLE_LINE, ExitCodes.CTRL_C_LINE})
public final class FunnelCli {

    static final String VERBOSE = "--verbose";

    @Option(names = VERBOSE, scope = ScopeType.INHERIT,
            description = "Also print the INFO lines of Kafka's clients and Kafka Streams (default: their"
                    + " warnings and errors only).")
    boolean verbose;

    public static void main(String[] args) {
        // first of all: slf4j-simple reads its settings once, when the first logger is made
        LogDefaults logging = LogDefaults.apply();
        System.exit(run(logging, args));
    }

    /**
     * Runs the command line and returns the exit code (tests call this instead of main); logging is
     * as this JVM has it, {@code --verbose} changes nothing here.
     */
    public static int run(String... args) {
        return run(null, args);
    }

    private static int run(LogDefaults logging, String... args) {
        CommandLine cli = new CommandLine(new FunnelCli());
        cli.setExecutionStrategy(parsed -> {
            // after parsing and before the command runs: no logger exists yet
            if (logging != null && verbose(parsed)) {
                logging.verbose();
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cli.execute(args);
    }

    /** --verbose on {@code funnel} or on any subcommand (the option is inherited). */
    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }
}
