package dev.funnelstreams.streams;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.streams.alert.TimerSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * The validated configuration of the streaming app: the funnel semantics plus where and how to run.
 * Built once by {@link AppConfigLoader} from the YAML file (section {@code streams:}) and flags.
 *
 * @param funnel              the funnel semantics (section {@code funnel:})
 * @param applicationId       Kafka Streams application.id (consumer group, internal topic prefix)
 * @param bootstrapServers    Kafka bootstrap servers
 * @param stateDir            Kafka Streams state directory
 * @param partitions          partitions of topics created by the app / {@code funnel topics create}
 * @param replicationFactor   replication factor of created and internal topics
 * @param processingGuarantee {@code exactly_once_v2}, the only one accepted ({@code at_least_once} would double
 *                            count deltas after a crash)
 * @param flushIntervalMs     0 (the default): the per-task pre-aggregation buffer is flushed just before each
 *                            commit only; N: also every N ms of wall clock (makes nothing readable sooner under
 *                            exactly-once, only adds records)
 * @param createTopics        whether {@code funnel run} creates missing topics at start
 * @param kafka               client settings passed through to every Kafka client (security.protocol, sasl.*, ssl.*)
 * @param registry            registry-serde settings ({@code schema.registry.url}, auth ...)
 * @param http                the HTTP query API of this instance (section {@code streams.http:})
 * @param alertTimers         how the alert timers run (section {@code streams.alertTimers:})
 * @param leaveGroupOnClose   whether a stopping instance leaves its consumer group at once (default) or
 *                            stays a member until its session times out (for static membership,
 *                            {@code group.instance.id}, where a restart within the session keeps its tasks)
 * @param staticMembership    whether the instance joins its group as a static member whose
 *                            {@code group.instance.id} is derived from the host and the state directory
 *                            (default), so that a restart after a crash rejoins at once instead of waiting
 *                            for the dead member's session to expire; a {@code group.instance.id} under
 *                            {@code streams.kafka} wins
 */
public record AppConfig(
        FunnelConfig funnel,
        String applicationId,
        String bootstrapServers,
        Path stateDir,
        int partitions,
        short replicationFactor,
        String processingGuarantee,
        long flushIntervalMs,
        boolean createTopics,
        Map<String, String> kafka,
        Map<String, String> registry,
        Http http,
        TimerSettings alertTimers,
        boolean leaveGroupOnClose,
        boolean staticMembership) {

    public static final String DEFAULT_APPLICATION_ID = "funnel-streams";

    public AppConfig {
        kafka = Map.copyOf(kafka);
        registry = Map.copyOf(registry);
    }

    /**
     * Where this instance serves the HTTP query API, /metrics and /health.
     *
     * @param enabled        whether to start the HTTP server
     * @param host           bind address; 127.0.0.1 unless configured otherwise
     * @param port           port; 0 picks a free one (tests, a second instance on one machine)
     * @param advertisedHost the host other instances use to reach this one ({@code application.server});
     *                       null: the bind address, or the machine's name when bound to all interfaces
     * @param token          bearer token every request except /health must carry; null: no authentication
     */
    public record Http(boolean enabled, String host, int port, String advertisedHost, String token) {

        public static final String DEFAULT_HOST = "127.0.0.1";
        public static final int DEFAULT_PORT = 8080;

        /** The same settings on another port. */
        public Http withPort(int newPort) {
            return new Http(enabled, host, newPort, advertisedHost, token);
        }

        @Override
        public String toString() {
            return "Http[enabled=" + enabled + ", host=" + host + ", port=" + port + ", advertisedHost=" + advertisedHost
                    + ", token=" + (token == null ? "none" : "***") + "]";
        }
    }

    /** The schema registry URL(s). */
    public String schemaRegistryUrl() {
        return registry.get("schema.registry.url");
    }
}
