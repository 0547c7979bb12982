package dev.funnelstreams.cli;

import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.Preflight;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code funnel topics create}: inputs, compacted outputs and the DLQ. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Manage the pipeline's topics.",
        subcommands = TopicsCommand.Create.class)
public final class TopicsCommand {

    /** {@code funnel topics create}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create the missing input, output (compacted) and DLQ topics.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {"0:done (the topics that were missing are named)", ExitCodes.USAGE_LINE,
                ExitCodes.UNREACHABLE_LINE})
    static final class Create implements Callable<Integer> {

        @Mixin
        StreamsOptions options;

        @Option(names = "--partitions", description = "Partitions per topic (default: streams.partitions or 6).")
        Integer partitions;

        @Option(names = "--replication-factor", description = "Replication factor (default: streams.replicationFactor or 1).")
        Short replicationFactor;

        @Override
        public Integer call() throws Exception {
            AppConfig config;
            try {
                config = options.load(null, null, partitions, replicationFactor);
            } catch (ConfigException e) {
                return StreamsOptions.configError("topics create", e);
            }
            try {
                Preflight.broker(config);
            } catch (Preflight.Unreachable e) {
                System.err.println("funnel topics create: " + e.getMessage());
                return ExitCodes.UNREACHABLE;
            }
            List<String> created = TopicAdmin.createMissing(config, Topics.defaults());
            System.err.println("funnel topics create: created " + created.size() + " topic(s)"
                    + (created.isEmpty() ? " (all exist)" : ": " + String.join(", ", created)));
            return ExitCodes.DONE;
        }
    }
}
