package dev.funnelstreams.alertsink;

import dev.funnelstreams.alertsink.delivery.RetryPolicy;
import dev.funnelstreams.registry.RegistrySerdeConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Settings of the alert sink. Destinations, owners and rules live in the routes file; robot secrets
 * and SMTP passwords it refers to as {@code ${secret:NAME}} are the connector settings
 * {@code secret.NAME} (best filled by a Connect config provider).
 */
public final class AlertSinkConfig extends AbstractConfig {

    public static final String ROUTES_FILE = "routes.file";
    public static final String ROUTES_CHECK_MS = "routes.check.interval.ms";
    public static final String SECRET_PREFIX = "secret.";
    public static final String DASHBOARD_URL = "dashboard.base.url";
    public static final String LANGUAGE = "message.language";
    public static final String RATE_PER_MINUTE = "rate.limit.per.minute";
    public static final String RETRY_ATTEMPTS = "retry.max.attempts";
    public static final String RETRY_INITIAL_MS = "retry.backoff.initial.ms";
    public static final String RETRY_MAX_MS = "retry.backoff.max.ms";
    public static final String RETRY_BUDGET_MS = "retry.budget.ms";
    public static final String HTTP_TIMEOUT_MS = "http.timeout.ms";
    public static final String SENT_TOPIC = "sent.log.topic";
    public static final String SENT_BOOTSTRAP = "sent.log.bootstrap.servers";
    public static final String SENT_RF = "sent.log.replication.factor";
    public static final String SENT_CLIENT_PREFIX = "sent.log.client.";

    private static final String ROUTING = "Routing";
    private static final String MESSAGES = "Messages";
    private static final String LIMITS = "Rate limits and retries";
    private static final String SENT_LOG = "Sent log";
    private static final String REGISTRY = "Schema registry";

    static final ConfigDef CONFIG_DEF = define();

    public AlertSinkConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
    }

    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private static ConfigDef define() {
        ConfigDef d = new ConfigDef()
                .define(ROUTES_FILE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new NonEmptyString(), Importance.HIGH,
                        "Path of the routes file (YAML) on every worker: named channels (dingtalk, feishu, wecom, slack,"
                                + " webhook, email), the owner map, rules by alert type and tier, and the default route."
                                + " ${secret:NAME} in it is replaced by the connector setting secret.NAME.",
                        ROUTING, 1, Width.LONG, "Routes file")
                .define(ROUTES_CHECK_MS, Type.LONG, 10_000L, Range.atLeast(0), Importance.LOW,
                        "How often the routes file's modification time is checked; a changed file is re-read"
                                + " (one that does not parse is logged and the previous routes stay).",
                        ROUTING, 2, Width.SHORT, "Routes check interval (ms)")
                .define(DASHBOARD_URL, Type.STRING, "", Importance.MEDIUM,
                        "Base URL of the dashboard; messages link to {base}/#lead={leadId} (CONVERSION_DROP: {base}/)."
                                + " Empty: no link.", MESSAGES, 1, Width.LONG, "Dashboard base URL")
                .define(LANGUAGE, Type.STRING, "auto", ValidString.in("auto", "zh", "en"), Importance.LOW,
                        "Language of the connector's own words (labels, link text, digests): auto follows the"
                                + " alert's message (Chinese when it has CJK characters), zh or en force one.",
                        MESSAGES, 2, Width.SHORT, "Message language")
                .define(RATE_PER_MINUTE, Type.INT, 20, Range.atLeast(1), Importance.MEDIUM,
                        "Messages a minute per destination (a robot, or a mailbox set on an SMTP channel) unless the"
                                + " channel sets ratePerMinute; alerts over the limit are counted and sent as one digest"
                                + " when the limit allows again. DingTalk and WeCom robots accept 20 a minute.",
                        LIMITS, 1, Width.SHORT, "Rate limit (per minute)")
                .define(RETRY_ATTEMPTS, Type.INT, 5, Range.atLeast(1), Importance.LOW,
                        "Tries of one message (5xx, 429, timeouts, a robot's too-fast code) inside one put() before"
                                + " the batch is handed back to Connect as retriable.",
                        LIMITS, 2, Width.SHORT, "Attempts per message")
                .define(RETRY_INITIAL_MS, Type.LONG, 500L, Range.atLeast(0), Importance.LOW,
                        "First backoff between tries; doubled each try up to " + RETRY_MAX_MS
                                + ". A Retry-After answer replaces it.", LIMITS, 3, Width.SHORT, "Initial backoff (ms)")
                .define(RETRY_MAX_MS, Type.LONG, 30_000L, Range.atLeast(0), Importance.LOW,
                        "Longest backoff between tries.", LIMITS, 4, Width.SHORT, "Maximum backoff (ms)")
                .define(RETRY_BUDGET_MS, Type.LONG, 60_000L, Range.atLeast(0), Importance.LOW,
                        "Longest time one message is retried inside put(); past it (or when Retry-After asks for"
                                + " more) the task throws RetriableException and Connect redelivers the batch after the"
                                + " wait. Keep well below the worker's consumer max.poll.interval.ms.",
                        LIMITS, 5, Width.SHORT, "Retry budget (ms)")
                .define(HTTP_TIMEOUT_MS, Type.INT, 10_000, Range.atLeast(1), Importance.LOW,
                        "Connect and request timeout of one HTTP or SMTP call.", LIMITS, 6, Width.SHORT,
                        "Request timeout (ms)")
                .define(SENT_TOPIC, Type.STRING, "funnel.alerts.sent", new NonEmptyString(), Importance.MEDIUM,
                        "Compacted topic where the task records each delivery (alertId:status@route) right after the"
                                + " destination accepted it; read at start so a redelivered record is not sent again."
                                + " Created (1 partition, compacted) when missing.",
                        SENT_LOG, 1, Width.MEDIUM, "Sent log topic")
                .define(SENT_BOOTSTRAP, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new NonEmptyString(), Importance.HIGH,
                        "bootstrap.servers of the cluster holding the sent log (usually the worker's own). Further client"
                                + " settings (security.protocol, sasl.*) go under the prefix " + SENT_CLIENT_PREFIX + ".",
                        SENT_LOG, 2, Width.LONG, "Sent log bootstrap servers")
                .define(SENT_RF, Type.INT, -1, Range.atLeast(-1), Importance.LOW,
                        "Replication factor of the sent log topic when the task creates it; -1: the broker default.",
                        SENT_LOG, 3, Width.SHORT, "Sent log replication factor");
        int order = 1;
        for (ConfigDef.ConfigKey k : RegistrySerdeConfig.configDef().configKeys().values()) {
            if (k.name.startsWith("specific.avro") || k.name.endsWith("subject.name.strategy")
                    || k.name.equals(RegistrySerdeConfig.AUTO_REGISTER_SCHEMAS)) {
                continue; // the task reads Alert records only and registers nothing
            }
            Object dflt = k.name.equals(RegistrySerdeConfig.SCHEMA_REGISTRY_URL) ? ConfigDef.NO_DEFAULT_VALUE : k.defaultValue;
            d.define(k.name, k.type, dflt, k.validator, k.importance, k.documentation, REGISTRY, order++,
                    Width.MEDIUM, k.name);
        }
        return d;
    }

    public Map<String, Secret> secrets() {
        Map<String, Secret> out = new HashMap<>();
        originalsWithPrefix(SECRET_PREFIX).forEach((k, v) -> out.put(k, Secret.of(v == null ? null : v.toString())));
        return out;
    }

    public Map<String, Object> sentLogClient() {
        Map<String, Object> p = new HashMap<>(originalsWithPrefix(SENT_CLIENT_PREFIX));
        p.put("bootstrap.servers", getString(SENT_BOOTSTRAP));
        return p;
    }

    public Map<String, Object> registry() {
        Map<String, Object> p = new HashMap<>();
        for (String k : RegistrySerdeConfig.configDef().names()) {
            if (originals().containsKey(k)) {
                p.put(k, originals().get(k));
            }
        }
        return p;
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(getInt(RETRY_ATTEMPTS), Duration.ofMillis(getLong(RETRY_INITIAL_MS)),
                Duration.ofMillis(getLong(RETRY_MAX_MS)), Duration.ofMillis(getLong(RETRY_BUDGET_MS)));
    }
}
