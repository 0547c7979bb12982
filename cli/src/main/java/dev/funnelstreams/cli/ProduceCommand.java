package dev.funnelstreams.cli;

import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.EventProducer;
import dev.funnelstreams.streams.runtime.Preflight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code funnel produce}: canonical JSON lines to the input topics, Avro-encoded. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Validate canonical JSON events and produce them (Avro, idempotent, acks=all).",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:done, every line produced",
            "1:done, but some lines were rejected (each named on stderr by line number: file:line: reason)",
            ExitCodes.USAGE_LINE,
            "3:cannot reach the Kafka broker or the schema registry (the message names the address tried),"
                    + " or the input topics do not exist (funnel topics create makes them)"})
public final class ProduceCommand implements Callable<Integer> {

    @Mixin
    StreamsOptions options;

    @Option(names = "--events", required = true, description = "Events file (.jsonl or .jsonl.gz).")
    Path events;

    @Override
    public Integer call() throws Exception {
        AppConfig config;
        try {
            config = options.load(null, null, null, null);
        } catch (ConfigException e) {
            return StreamsOptions.configError("produce", e);
        }
        if (!Files.isReadable(events)) {
            System.err.println("funnel produce: " + events + ": not found or not readable");
            return ExitCodes.USAGE;
        }
        SerdeFactory serdes = SerdeFactory.of(config.registry());
        Topics topics = Topics.defaults();
        try {
            // the registry first: one HTTP call, where an unreachable broker costs the admin client's timeout
            Preflight.registry(config, serdes.client());
            Preflight.broker(config);
            Preflight.topics(config, topics.inputs());
        } catch (Preflight.Unreachable e) {
            System.err.println("funnel produce: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        }
        EventProducer.Summary summary = new EventProducer(config, topics, serdes, Clock.systemUTC())
                .produce(events);
        summary.rejected().forEach(r -> System.err.println(events + ":" + r.line() + ": " + r.reason()));
        System.err.println("funnel produce: " + summary.describe());
        return summary.rejected().isEmpty() ? ExitCodes.DONE : ExitCodes.REJECTED;
    }
}
