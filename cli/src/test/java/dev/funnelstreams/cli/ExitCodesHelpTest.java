package dev.funnelstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command that does something lists its exit codes in {@code --help}. */
class ExitCodesHelpTest {

    @Test
    void everyRunnableCommandListsItsExitCodesInItsHelp() {
        List<CommandLine> runnable = new ArrayList<>();
        collect(new CommandLine(new FunnelCli()), runnable);

        assertThat(runnable).extracting(c -> c.getCommandSpec().qualifiedName()).contains("funnel produce",
                "funnel topics create", "funnel run", "funnel alerts tail", "funnel demo", "funnel report");
        assertThat(runnable).allSatisfy(c -> assertThat(c.getUsageMessage())
                .as(c.getCommandSpec().qualifiedName()).contains("Exit codes:").contains("  2 "));
    }

    @Test
    void produceHelpSaysRejectedLinesGive1AndAnUnreachableServiceGives3() {
        CliRun run = CliRun.of("produce", "--help");

        assertThat(run.exitCode()).isZero();
        String help = run.out().replaceAll("\\s+", " ");
        assertThat(help).contains("Exit codes: 0 done, every line produced 1 done, but some lines were rejected")
                .contains("3 cannot reach the Kafka broker or the schema registry (the message names the address"
                        + " tried)");
    }

    @Test
    void verboseIsAcceptedBeforeAndAfterACommand() {
        assertThat(CliRun.of("--verbose", "validate-config", "../examples/funnel.yaml").exitCode()).isZero();
        assertThat(CliRun.of("validate-config", "--verbose", "../examples/funnel.yaml").exitCode()).isZero();
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        if (command.getCommandSpec().userObject() instanceof Callable<?>) {
            into.add(command);
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            if (!(sub.getCommandSpec().userObject() instanceof CommandLine.HelpCommand)) {
                collect(sub, into);
            }
        }
    }
}
