package dev.funnelstreams.cli;

import picocli.CommandLine.Command;

/** {@code funnel alerts}: the alert topic for people. */
@Command(name = "alerts", mixinStandardHelpOptions = true, description = "Read funnel.alerts.",
        subcommands = AlertsTailCommand.class)
final class AlertsCommand {
}
