package dev.funnelstreams.streams;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.streams.alert.TimerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the funnel YAML: section {@code funnel:} goes to the core's loader, section {@code streams:}
 * (optional) holds the app settings; flags override the file. Every error names its key.
 *
 * <pre>
 * streams:
 *   applicationId: funnel-streams
 *   bootstrapServers: kafka-1:9092
 *   stateDir: /var/lib/funnel-streams
 *   partitions: 6
 *   replicationFactor: 3
 *   processingGuarantee: exactly_once_v2
 *   flushIntervalMs: 500
 *   createTopics: true
 *   kafka: {security.protocol: SASL_SSL, sasl.mechanism: PLAIN, sasl.jaas.config: "..."}
 *   schemaRegistry: {url: "https://registry:8081", basic.auth.credentials.source: USER_INFO, basic.auth.user.info: "u:p"}
 *   http: {enabled: true, host: 127.0.0.1, port: 8080, advertisedHost: app-1.internal, token: "s3cret"}
 *   alertTimers: {interval: PT1S, maxLag: PT5M, idleAfter: PT30S, maxFires: 10000}
 *   leaveGroupOnClose: true
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

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final List<String> KEYS = List.of("applicationId", "bootstrapServers", "stateDir", "partitions",
            "replicationFactor", "processingGuarantee", "flushIntervalMs", "createTopics", "kafka", "schemaRegistry", "http", "alertTimers",
            "leaveGroupOnClose");
    private static final List<String> HTTP_KEYS = List.of("enabled", "host", "port", "advertisedHost", "token");
    private static final List<String> TIMER_KEYS = List.of("interval", "maxLag", "idleAfter", "maxFires");
    private static final Map<String, List<String>> SECTION_KEYS = Map.of("streams", KEYS, "streams.http", HTTP_KEYS,
            "streams.alertTimers", TIMER_KEYS);
    private static final List<String> GUARANTEES = List.of("exactly_once_v2", "at_least_once");

    private AppConfigLoader() {
    }

    public static AppConfig load(Path file, Overrides overrides) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return parse(text, overrides);
    }

    /** Parses YAML text holding {@code funnel:} and optionally {@code streams:}. */
    public static AppConfig parse(String yaml, Overrides o) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            // the core loader gives the precise message with line and column
            FunnelConfigLoader.parse(yaml);
            throw new ConfigException("not valid YAML: " + e.getOriginalMessage());
        }
        JsonNode streams = NullNodes.missing();
        if (root instanceof ObjectNode obj && obj.has("streams")) {
            streams = obj.remove("streams");
        }
        String funnelYaml;
        try {
            funnelYaml = YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        List<String> errors = new ArrayList<>();
        FunnelConfig funnel = null;
        try {
            funnel = FunnelConfigLoader.parse(funnelYaml);
        } catch (ConfigException e) {
            errors.addAll(e.errors());
        }
        Section s = new Section(streams, errors);
        String appId = first(o.applicationId(), s.text("applicationId"), AppConfig.DEFAULT_APPLICATION_ID);
        String bootstrap = first(o.bootstrapServers(), s.text("bootstrapServers"), null);
        if (bootstrap == null || bootstrap.isBlank()) {
            errors.add("streams.bootstrapServers: missing (host:port[,host:port], or --bootstrap-servers)");
        }
        Path stateDir = o.stateDir() != null ? o.stateDir()
                : Optional.ofNullable(s.text("stateDir")).map(Path::of)
                        .orElse(Path.of(System.getProperty("java.io.tmpdir"), "funnel-streams"));
        int partitions = o.partitions() != null ? o.partitions() : s.integer("partitions", 6);
        if (partitions < 1) {
            errors.add("streams.partitions: " + partitions + " (must be >= 1)");
        }
        int rf = o.replicationFactor() != null ? o.replicationFactor() : s.integer("replicationFactor", 1);
        if (rf < 1 || rf > Short.MAX_VALUE) {
            errors.add("streams.replicationFactor: " + rf + " (must be >= 1)");
        }
        String guarantee = first(null, s.text("processingGuarantee"), "exactly_once_v2");
        if (!GUARANTEES.contains(guarantee)) {
            errors.add("streams.processingGuarantee: \"" + guarantee + "\" (allowed: " + String.join(", ", GUARANTEES) + ")");
        }
        int flush = s.integer("flushIntervalMs", 500);
        if (flush < 1) {
            errors.add("streams.flushIntervalMs: " + flush + " (must be >= 1)");
        }
        boolean create = s.bool("createTopics", true);
        Map<String, String> kafka = s.map("kafka");
        Map<String, String> registry = new LinkedHashMap<>(s.map("schemaRegistry"));
        String url = registry.remove("url");
        url = first(o.schemaRegistryUrl(), url, registry.get("schema.registry.url"));
        if (url != null) {
            registry.put("schema.registry.url", url);
        }
        AppConfig.Http http = http(s.sub("http"), o, errors);
        TimerSettings timers = alertTimers(s.sub("alertTimers"), errors);
        boolean leaveGroup = s.bool("leaveGroupOnClose", true);
        s.unknownKeys(KEYS);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new AppConfig(funnel, appId, bootstrap, stateDir, partitions, (short) rf, guarantee, flush, create,
                kafka, registry, http, timers, leaveGroup);
    }

    private static TimerSettings alertTimers(Section t, List<String> errors) {
        TimerSettings d = TimerSettings.DEFAULTS;
        int before = errors.size();
        Duration interval = t.duration("interval", d.interval());
        if (interval.isZero() || interval.isNegative()) {
            errors.add("streams.alertTimers.interval: " + interval + " (must be > 0, e.g. PT1S)");
        }
        Duration maxLag = t.duration("maxLag", d.maxLag());
        if (maxLag.isNegative()) {
            errors.add("streams.alertTimers.maxLag: " + maxLag + " (must be >= 0, e.g. PT5M)");
        }
        Duration idleAfter = t.duration("idleAfter", d.idleAfter());
        if (idleAfter.isNegative()) {
            errors.add("streams.alertTimers.idleAfter: " + idleAfter + " (must be >= 0, e.g. PT30S)");
        }
        int maxFires = t.integer("maxFires", d.maxFires());
        if (maxFires < 1) {
            errors.add("streams.alertTimers.maxFires: " + maxFires + " (must be >= 1)");
        }
        t.unknownKeys(TIMER_KEYS);
        // with an error the load fails anyway; the defaults only keep the record's own check quiet
        return errors.size() > before ? d : new TimerSettings(interval, maxLag, idleAfter, maxFires);
    }

    private static AppConfig.Http http(Section h, Overrides o, List<String> errors) {
        boolean enabled = h.bool("enabled", true);
        String host = first(o.httpHost(), h.text("host"), AppConfig.Http.DEFAULT_HOST);
        if (host.isBlank()) {
            errors.add("streams.http.host: empty (an address to bind, e.g. 127.0.0.1 or 0.0.0.0)");
        }
        int port = o.httpPort() != null ? o.httpPort() : h.integer("port", AppConfig.Http.DEFAULT_PORT);
        if (port < 0 || port > 65535) {
            errors.add("streams.http.port: " + port + " (must be 0..65535; 0 picks a free port)");
        }
        String advertised = h.text("advertisedHost");
        String token = first(o.httpToken(), h.text("token"), null);
        if (token != null && token.isBlank()) {
            errors.add("streams.http.token: empty (remove the key for no authentication)");
        }
        h.unknownKeys(HTTP_KEYS);
        return new AppConfig.Http(enabled, host, port, advertised, token);
    }

    private static String first(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }

    /** The {@code streams:} mapping, collecting errors. */
    private record Section(String path, JsonNode node, List<String> errors) {

        Section(JsonNode node, List<String> errors) {
            this("streams", node, errors);
        }

        Section {
            if (!node.isMissingNode() && !node.isNull() && !node.isObject()) {
                errors.add(path + ": must be a mapping of " + String.join(", ",
                        SECTION_KEYS.getOrDefault(path, List.of())));
                node = NullNodes.missing();
            }
        }

        /** A nested mapping, e.g. {@code streams.http}. */
        Section sub(String key) {
            JsonNode v = node.get(key);
            return new Section(path + "." + key, v == null ? NullNodes.missing() : v, errors);
        }

        String text(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isValueNode()) {
                errors.add(path + "." + key + ": must be a single value");
                return null;
            }
            return v.asText();
        }

        int integer(String key, int dflt) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isIntegralNumber()) {
                errors.add(path + "." + key + ": \"" + v.asText() + "\" is not a whole number");
                return dflt;
            }
            return v.asInt();
        }

        /** An ISO-8601 duration such as {@code PT30S}, {@code PT5M} or {@code P1D}. */
        Duration duration(String key, Duration dflt) {
            String v = text(key);
            if (v == null) {
                return dflt;
            }
            try {
                return Duration.parse(v);
            } catch (DateTimeParseException e) {
                errors.add(path + "." + key + ": \"" + v + "\" is not an ISO-8601 duration (e.g. PT1S, PT5M, P1D)");
                return dflt;
            }
        }

        boolean bool(String key, boolean dflt) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isBoolean()) {
                errors.add(path + "." + key + ": \"" + v.asText() + "\" is not true or false");
                return dflt;
            }
            return v.asBoolean();
        }

        Map<String, String> map(String key) {
            Map<String, String> out = new LinkedHashMap<>();
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isObject()) {
                errors.add(path + "." + key + ": must be a mapping of client property names to values");
                return out;
            }
            v.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode()) {
                    out.put(e.getKey(), e.getValue().asText());
                } else {
                    errors.add(path + "." + key + "." + e.getKey() + ": must be a single value");
                }
            });
            return out;
        }

        void unknownKeys(List<String> allowed) {
            node.fieldNames().forEachRemaining(k -> {
                if (!allowed.contains(k)) {
                    errors.add(path + "." + k + ": unknown key (allowed: " + String.join(", ", allowed) + ")");
                }
            });
        }
    }

    private static final class NullNodes {
        static JsonNode missing() {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }
}
