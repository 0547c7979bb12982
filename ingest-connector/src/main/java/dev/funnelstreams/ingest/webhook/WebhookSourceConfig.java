package dev.funnelstreams.ingest.webhook;

import dev.funnelstreams.ingest.connect.FileSourceConfig;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Settings of the webhook source connector. The mapping, topic and registry settings are the file
 * connector's (same keys, same meaning), so one mapping serves both.
 */
public final class WebhookSourceConfig extends AbstractConfig {

    public static final String HOST = "listener.host";
    public static final String PORT = "listener.port";
    public static final String PATH = "listener.path";
    public static final String MAX_BODY_BYTES = "max.body.bytes";
    public static final String SCHEME = "signature.scheme";
    public static final String SECRET = "signature.secret";
    public static final String SIGNATURE_HEADER = "signature.header";
    public static final String TIMESTAMP_HEADER = "timestamp.header";
    public static final String TOLERANCE_MS = "signature.tolerance.ms";
    public static final String PUBLIC_URL = "hubspot.request.uri";
    public static final String SOURCE_NAME = "mapping.source.name";
    public static final String QUEUE_MAX_RECORDS = "queue.max.records";
    public static final String ACK_TIMEOUT_MS = "ack.timeout.ms";
    public static final String REQUEST_TIMEOUT_S = "request.timeout.seconds";
    public static final String IDLE_TIMEOUT_S = "idle.timeout.seconds";

    private static final String HTTP = "HTTP endpoint";
    private static final String SIGNING = "Signatures";
    private static final List<String> SHARED = List.of(FileSourceConfig.MAPPING_FILE, FileSourceConfig.LOOKUP_DIR,
            FileSourceConfig.FUNNEL_CONFIG, FileSourceConfig.LEAD_EVENTS_TOPIC, FileSourceConfig.CHANNEL_SPEND_TOPIC,
            FileSourceConfig.REJECTED_TOPIC);

    static final ConfigDef CONFIG_DEF = define();

    public WebhookSourceConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
    }

    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private static ConfigDef define() {
        ConfigDef d = new ConfigDef()
                .define(HOST, Type.STRING, "0.0.0.0", Importance.MEDIUM, "Address the HTTP listener binds to.",
                        HTTP, 1, Width.MEDIUM, "Listener host")
                .define(PORT, Type.INT, ConfigDef.NO_DEFAULT_VALUE, Range.between(0, 65535), Importance.HIGH,
                        "Port of the HTTP listener (0: any free port, for tests).", HTTP, 2, Width.SHORT, "Listener port")
                .define(PATH, Type.STRING, "/webhook", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        "Path that accepts POST pushes: one JSON object or a JSON array of objects.",
                        HTTP, 3, Width.MEDIUM, "Listener path")
                .define(MAX_BODY_BYTES, Type.INT, 1 << 20, Range.atLeast(1), Importance.MEDIUM,
                        "Larger bodies are answered 413.", HTTP, 4, Width.SHORT, "Maximum body size")
                .define(QUEUE_MAX_RECORDS, Type.INT, 10_000, Range.atLeast(1), Importance.LOW,
                        "Records waiting for the task's poll; a push that does not fit is answered 503 with "
                                + "Retry-After.", HTTP, 5, Width.SHORT, "Queue size")
                .define(ACK_TIMEOUT_MS, Type.LONG, 30_000L, Range.atLeast(1), Importance.LOW,
                        "How long a push waits for Kafka to acknowledge its records before it is answered 503 "
                                + "(the sender retries; eventIds make the retry harmless).",
                        HTTP, 6, Width.SHORT, "Acknowledgement timeout (ms)")
                .define(REQUEST_TIMEOUT_S, Type.INT, 10, Range.atLeast(1), Importance.LOW,
                        "A request whose headers and body have not arrived within this many seconds is closed, so"
                                + " slow clients cannot hold the listener's threads. JDK HTTP server setting"
                                + " sun.net.httpserver.maxReqTime: it is JVM-wide and fixed when the first JDK HTTP"
                                + " server of the worker starts; a value set on the worker's command line wins.",
                        HTTP, 8, Width.SHORT, "Request read timeout (s)")
                .define(IDLE_TIMEOUT_S, Type.INT, 30, Range.atLeast(1), Importance.LOW,
                        "A kept-alive connection idle this many seconds is closed (sun.net.httpserver.idleInterval;"
                                + " JVM-wide like " + REQUEST_TIMEOUT_S + ").",
                        HTTP, 9, Width.SHORT, "Idle connection timeout (s)")
                .define(SOURCE_NAME, Type.STRING, "webhook.jsonl", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        "File name the pushes are mapped as: the first mapping entry whose match glob fits it applies.",
                        HTTP, 7, Width.MEDIUM, "Mapping source name")
                .define(SCHEME, Type.STRING, "hmac-sha256", ValidString.in("hmac-sha256", "hubspot-v3"),
                        Importance.HIGH, "hmac-sha256: hex HMAC-SHA256 of \"<timestamp>.<body>\", timestamp in epoch "
                                + "seconds; hubspot-v3: HubSpot's v3 signature (base64 HMAC-SHA256 of method + URI + "
                                + "body + timestamp in ms).", SIGNING, 1, Width.SHORT, "Signature scheme")
                .define(SECRET, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                        "Shared secret (HubSpot: the app's client secret).", SIGNING, 2, Width.MEDIUM, "Secret")
                .define(SIGNATURE_HEADER, Type.STRING, "", Importance.MEDIUM,
                        "Header with the signature; empty: X-Signature, or X-HubSpot-Signature-v3 for hubspot-v3.",
                        SIGNING, 3, Width.MEDIUM, "Signature header")
                .define(TIMESTAMP_HEADER, Type.STRING, "", Importance.MEDIUM,
                        "Header with the timestamp; empty: X-Timestamp, or X-HubSpot-Request-Timestamp.",
                        SIGNING, 4, Width.MEDIUM, "Timestamp header")
                .define(TOLERANCE_MS, Type.LONG, 300_000L, Range.atLeast(0), Importance.MEDIUM,
                        "Pushes whose timestamp is further from now than this are refused (401): replay protection.",
                        SIGNING, 5, Width.SHORT, "Timestamp tolerance (ms)")
                .define(PUBLIC_URL, Type.STRING, "", Importance.MEDIUM,
                        "hubspot-v3 only: the URL as registered in HubSpot (it is signed); empty: http://<Host header>"
                                + "<path>.", SIGNING, 6, Width.LONG, "Public request URI");
        ConfigDef file = FileSourceConfig.configDef();
        for (ConfigDef.ConfigKey k : file.configKeys().values()) {
            if (SHARED.contains(k.name) || "Schema registry".equals(k.group)) {
                d.define(k.name, k.type, k.defaultValue, k.validator, k.importance, k.documentation,
                        k.group, k.orderInGroup, k.width, k.displayName);
            }
        }
        return d;
    }

    String signatureHeader() {
        String h = getString(SIGNATURE_HEADER);
        return !h.isBlank() ? h : getString(SCHEME).equals("hubspot-v3") ? "X-HubSpot-Signature-v3" : "X-Signature";
    }

    String timestampHeader() {
        String h = getString(TIMESTAMP_HEADER);
        return !h.isBlank() ? h : getString(SCHEME).equals("hubspot-v3") ? "X-HubSpot-Request-Timestamp" : "X-Timestamp";
    }
}
