package dev.funnelstreams.cli;

import dev.funnelstreams.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code funnel} command: wiring of the subcommands, nothing else. */
@Command(
        name = "funnel",
        mixinStandardHelpOptions = true,
        version = "funnel-streams 0.1.0",
        description = "Real-time sales-funnel metrics: batch reports, synthetic data, config checks.",
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
            CommandLine.HelpCommand.class
        })
public final class FunnelCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        return new CommandLine(new FunnelCli()).execute(args);
    }
}
