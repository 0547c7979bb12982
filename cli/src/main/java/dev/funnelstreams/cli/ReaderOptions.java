package dev.funnelstreams.cli;

import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.AppConfigLoader;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.runtime.Preflight;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import picocli.CommandLine.Option;

/**
 * The options of the commands that read the app's topics ({@code alerts tail}, {@code compare}): where the
 * broker and the registry are, from flags or a config file's {@code streams:} section (flags win), and the
 * checks that both answer before anything is read.
 */
final class ReaderOptions {

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers HOST:PORT[,HOST:PORT].")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", description = "Schema registry URL (Confluent API).")
    String schemaRegistryUrl;

    @Option(names = "--config", description = "Funnel YAML: client settings (streams.kafka, streams.schemaRegistry),"
            + " the addresses, the time zone; flags win.")
    Path config;

    /** What a reading command connects with, once both services answered. */
    record Clients(Map<String, Object> kafka, SerdeFactory serdes, ZoneId zone, String bootstrapServers) {
    }

    /** Not connected: the exit code, after the one-line message on stderr. */
    static final class NotConnected extends Exception {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        NotConnected(int exitCode) {
            super(null, null, false, false);
            this.exitCode = exitCode;
        }
    }

    /**
     * The clients' settings (the registry first: one HTTP call, where an unreachable broker costs the admin
     * client's timeout); a bad config or missing address is a usage error, a service that does not answer is
     * {@link ExitCodes#UNREACHABLE}, each said on stderr as "funnel COMMAND: ...".
     */
    Clients connect(String command) throws NotConnected, InterruptedException {
        Map<String, Object> kafka = new HashMap<>();
        Map<String, Object> registry = new HashMap<>();
        ZoneId zone = ZoneId.of("UTC");
        try {
            if (config != null) {
                AppConfig app = AppConfigLoader.load(config, new AppConfigLoader.Overrides(bootstrapServers,
                        schemaRegistryUrl, null, null, null, null));
                kafka.putAll(app.kafka());
                registry.putAll(app.registry());
                bootstrapServers = app.bootstrapServers();
                schemaRegistryUrl = app.schemaRegistryUrl();
                zone = app.funnel().timezone();
            }
        } catch (ConfigException e) {
            System.err.println("funnel " + command + ": " + e.getMessage());
            throw new NotConnected(ExitCodes.USAGE);
        }
        if (bootstrapServers == null || schemaRegistryUrl == null) {
            System.err.println("funnel " + command + ": --bootstrap-servers and --schema-registry-url are required"
                    + " (or a --config that sets them)");
            throw new NotConnected(ExitCodes.USAGE);
        }
        registry.put("schema.registry.url", schemaRegistryUrl);
        kafka.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        SerdeFactory serdes = SerdeFactory.of(registry);
        try {
            Preflight.registry(schemaRegistryUrl, serdes.client());
            Preflight.broker(kafka);
        } catch (Preflight.Unreachable e) {
            System.err.println("funnel " + command + ": " + e.getMessage());
            throw new NotConnected(ExitCodes.UNREACHABLE);
        }
        return new Clients(kafka, serdes, zone, bootstrapServers);
    }
}
