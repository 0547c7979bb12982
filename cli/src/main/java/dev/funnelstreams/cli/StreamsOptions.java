package dev.funnelstreams.cli;

import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.AppConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options the streaming commands share; flags override the config file's {@code streams:} section. */
final class StreamsOptions {

    @Option(names = "--config", required = true, description = "Funnel YAML (sections funnel: and streams:).")
    Path config;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers HOST:PORT[,HOST:PORT].")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", description = "Schema registry URL (Confluent API).")
    String schemaRegistryUrl;

    /** The validated config; a ConfigException names the key. */
    AppConfig load(String applicationId, Path stateDir, Integer partitions, Short replicationFactor) {
        return load(applicationId, stateDir, partitions, replicationFactor, null, null, null);
    }

    /** The same with the HTTP API's host, port and token flags (null: the file's value or the default). */
    AppConfig load(String applicationId, Path stateDir, Integer partitions, Short replicationFactor, String httpHost,
            Integer httpPort, String httpToken) {
        return AppConfigLoader.load(config, new AppConfigLoader.Overrides(bootstrapServers, schemaRegistryUrl,
                applicationId, stateDir, partitions, replicationFactor).withHttp(httpHost, httpPort, httpToken));
    }

    static int configError(String command, ConfigException e) {
        System.err.println("funnel " + command + ": " + e.getMessage());
        return ExitCodes.USAGE;
    }
}
