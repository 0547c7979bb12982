package dev.funnelstreams.streams;

import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.core.config.ConfigFile;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.yaml.Node;
import dev.funnelstreams.core.yaml.Problems;
import dev.funnelstreams.core.yaml.Suggest;
import dev.funnelstreams.streams.alert.TimerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the app's config file (see {@link ConfigFile}): section {@code funnel:} goes to the core's reader,
 * section {@code streams:} (optional) holds the app settings; flags override the file. Every error names
 * its key path, and all errors of the file are reported at once.
 *
 * <pre>
 * streams:
 *   applicationId: funnel-streams
 *   bootstrapServers: kafka-1:9092
 *   stateDir: /var/lib/funnel-streams
 *   partitions: 6
 *   replicationFactor: 3
 *   processingGuarantee: exactly_once_v2
 *   flushIntervalMs: 0
 *   createTopics: true
 *   kafka: {security.protocol: SASL_SSL, sasl.mechanism: PLAIN, sasl.jaas.config: "..."}
 *   schemaRegistry: {url: "https://registry:8081", basic.auth.credentials.source: USER_INFO, basic.auth.user.info: "u:p"}
 *   http: {enabled: true, host: 127.0.0.1, port: 8080, advertisedHost: app-1.internal, token: "s3cret"}
 *   alertTimers: {interval: PT1S, maxLag: PT5M, idleAfter: PT30S, maxFires: 10000}
 *   leaveGroupOnClose: true
 *   staticMembership: true
 * </pre>
 */
public final class AppConfigLoader {

    /** Values given on the command line; null means "take the file's value or the default". */
    public record Overrides(String bootstrapServers, String schemaRegistryUrl, String applicationId, Path stateDir,
            Integer partitions, Short replicationFactor, String httpHost, Integer httpPort, String httpToken) {

        public static final Overrides NONE = new Overrides(null, null, null, null, null, null);

        /** Without HTTP overrides. */
        public Overrides(String bootstrapServers, String schemaRegistryUrl, String applicationId, Path stateDir,
                Integer partitions, Short replicationFactor) {
            this(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, partitions, replicationFactor, null, null,
                    null);
        }

        /** The same overrides with the HTTP server's host, port and token (null: the file's value or the default). */
        public Overrides withHttp(String host, Integer port, String token) {
            return new Overrides(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, partitions,
                    replicationFactor, host, port, token);
        }
    }

    private static final List<String> KEYS = List.of("applicationId", "bootstrapServers", "stateDir", "partitions",
            "replicationFactor", "processingGuarantee", "flushIntervalMs", "createTopics", "kafka", "schemaRegistry", "http", "alertTimers",
            "leaveGroupOnClose", "staticMembership");
    private static final List<String> HTTP_KEYS = List.of("enabled", "host", "port", "advertisedHost", "token");
    private static final List<String> TIMER_KEYS = List.of("interval", "maxLag", "idleAfter", "maxFires");
    /**
     * Only exactly-once: the cell totals add deltas, so at_least_once would count a delta twice after a crash
     * between a state write and the offset commit. Refused at start rather than silently double counting.
     */
    private static final List<String> GUARANTEES = List.of("exactly_once_v2");
    private static final String AT_LEAST_ONCE = "at_least_once";

    private AppConfigLoader() {
    }

    /** Reads the file once and builds the app's config from its {@code funnel:} and {@code streams:} sections. */
    public static AppConfig load(Path file, Overrides overrides) {
        return from(ConfigFile.load(file), overrides);
    }

    /** Parses YAML text holding {@code funnel:} and optionally {@code streams:}. */
    public static AppConfig parse(String yaml, Overrides overrides) {
        return from(ConfigFile.parse(yaml), overrides);
    }

    /** Every error of both sections (and the file's structure) at once, in a {@link ConfigException}. */
    public static AppConfig from(ConfigFile file, Overrides o) {
        Problems problems = file.problems();
        FunnelConfig funnel = file.funnel(problems);
        AppConfig app = streams(file.section("streams", problems), funnel, o);
        problems.throwIfAny();
        return app;
    }

    private static AppConfig streams(Node s, FunnelConfig funnel, Overrides o) {
        s.isMapping(String.join(", ", KEYS));
        s.onlyKeys(KEYS);
        String appId = first(o.applicationId(), s.get("applicationId").text(null), AppConfig.DEFAULT_APPLICATION_ID);
        String bootstrap = first(o.bootstrapServers(), s.get("bootstrapServers").text(null), null);
        if (bootstrap == null || bootstrap.isBlank()) {
            s.get("bootstrapServers").error("missing (host:port[,host:port], or --bootstrap-servers)");
        }
        Path stateDir = o.stateDir() != null ? o.stateDir()
                : Optional.ofNullable(s.get("stateDir").text(null)).map(Path::of)
                        .orElse(Path.of(System.getProperty("java.io.tmpdir"), "funnel-streams"));
        int partitions = o.partitions() != null ? o.partitions() : s.get("partitions").integer(1, 6);
        if (partitions < 1) {
            s.get("partitions").error(partitions + " (must be >= 1)");
        }
        int rf = o.replicationFactor() != null ? o.replicationFactor()
                : s.get("replicationFactor").integer(1, 1);
        if (rf < 1 || rf > Short.MAX_VALUE) {
            s.get("replicationFactor").error(rf + " (must be >= 1)");
        }
        Node guaranteeNode = s.get("processingGuarantee");
        String guarantee = guaranteeNode.text("exactly_once_v2");
        if (guarantee.equals(AT_LEAST_ONCE)) {
            guaranteeNode.error("at_least_once is refused: the cell totals sum deltas, so a crash between a state"
                    + " write and the offset commit would count an event twice (allowed: exactly_once_v2, the default)");
        } else if (!GUARANTEES.contains(guarantee)) {
            guaranteeNode.error("\"" + guarantee + "\" (" + Suggest.hint(guarantee, GUARANTEES) + "allowed: "
                    + String.join(", ", GUARANTEES) + ")");
        }
        int flush = s.get("flushIntervalMs").integer(0, 0);
        boolean create = s.get("createTopics").bool(true);
        Map<String, String> kafka = s.get("kafka").scalars("client property names to values");
        Map<String, String> registry = new LinkedHashMap<>(
                s.get("schemaRegistry").scalars("registry client property names to values (url, basic.auth...)"));
        String url = registry.remove("url");
        url = first(o.schemaRegistryUrl(), url, registry.get("schema.registry.url"));
        if (url != null) {
            registry.put("schema.registry.url", url);
        }
        AppConfig.Http http = http(s.get("http"), o);
        TimerSettings timers = alertTimers(s.get("alertTimers"));
        boolean leaveGroup = s.get("leaveGroupOnClose").bool(true);
        boolean staticMembership = s.get("staticMembership").bool(true);
        if (funnel == null || s.problems().size() > 0) {
            return null;
        }
        return new AppConfig(funnel, appId, bootstrap, stateDir, partitions, (short) rf, guarantee, flush, create,
                kafka, registry, http, timers, leaveGroup, staticMembership);
    }

    private static TimerSettings alertTimers(Node t) {
        TimerSettings d = TimerSettings.DEFAULTS;
        t.isMapping(String.join(", ", TIMER_KEYS));
        t.onlyKeys(TIMER_KEYS);
        int before = t.problems().size();
        Duration interval = t.get("interval").duration(d.interval());
        if (interval.isZero() || interval.isNegative()) {
            t.get("interval").error(interval + " (must be > 0, e.g. PT1S)");
        }
        Duration maxLag = t.get("maxLag").duration(d.maxLag());
        if (maxLag.isNegative()) {
            t.get("maxLag").error(maxLag + " (must be >= 0, e.g. PT5M)");
        }
        Duration idleAfter = t.get("idleAfter").duration(d.idleAfter());
        if (idleAfter.isNegative()) {
            t.get("idleAfter").error(idleAfter + " (must be >= 0, e.g. PT30S)");
        }
        int maxFires = t.get("maxFires").integer(1, d.maxFires());
        // with an error the load fails anyway; the defaults only keep the record's own check quiet
        return t.problems().size() > before ? d : new TimerSettings(interval, maxLag, idleAfter, maxFires);
    }

    private static AppConfig.Http http(Node h, Overrides o) {
        h.isMapping(String.join(", ", HTTP_KEYS));
        h.onlyKeys(HTTP_KEYS);
        boolean enabled = h.get("enabled").bool(true);
        String host = first(o.httpHost(), h.get("host").text(null), AppConfig.Http.DEFAULT_HOST);
        if (host.isBlank()) {
            h.get("host").error("empty (an address to bind, e.g. 127.0.0.1 or 0.0.0.0)");
        }
        int port = o.httpPort() != null ? o.httpPort() : h.get("port").integer(0, AppConfig.Http.DEFAULT_PORT);
        if (port < 0 || port > 65535) {
            h.get("port").error(port + " (must be 0..65535; 0 picks a free port)");
        }
        String advertised = h.get("advertisedHost").text(null);
        String token = first(o.httpToken(), h.get("token").text(null), null);
        if (token != null && token.isBlank()) {
            h.get("token").error("empty (remove the key for no authentication)");
        }
        return new AppConfig.Http(enabled, host, port, advertised, token);
    }

    private static String first(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }
}
