package dev.funnelstreams.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.funnelstreams.registry.internals.Endpoint;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of the Avro serdes and the HTTP registry client, under Confluent's key names so an
 * existing Streams or client configuration works unchanged. Parsed and validated once.
 */
public final class RegistrySerdeConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String CACHE_CAPACITY = "schema.registry.cache.capacity";

    public static final String SOURCE_USER_INFO = "USER_INFO";
    public static final String SOURCE_URL = "URL";
    public static final String SOURCE_STATIC_TOKEN = "STATIC_TOKEN";

    private static final String CONFLUENT_TOPIC_NAME_STRATEGY =
            "io.confluent.kafka.serializers.subject.TopicNameStrategy";
    private static final Set<String> TOPIC_NAME_STRATEGY_NAMES =
            Set.of(CONFLUENT_TOPIC_NAME_STRATEGY, TopicNameStrategy.class.getName(), "TopicNameStrategy");

    private static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.LIST, List.of(), Importance.HIGH,
                    "Comma-separated registry base URLs, e.g. http://registry:8081 or, for Apicurio,"
                            + " http://apicurio:8080/apis/ccompat/v7. The next URL is tried when one cannot be"
                            + " reached. Required unless a SchemaRegistryClient is passed to the serde.")
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Register the record's schema on first use. When false the serializer only looks the"
                            + " schema up and fails if it is not registered under the subject.")
            .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, SOURCE_URL,
                    ValidString.in(SOURCE_USER_INFO, SOURCE_URL), Importance.MEDIUM,
                    "Where HTTP basic-auth credentials come from: USER_INFO (basic.auth.user.info) or URL"
                            + " (user:password@ in schema.registry.url).")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, "", Importance.MEDIUM,
                    "user:password for HTTP basic auth when basic.auth.credentials.source=USER_INFO.")
            .define(BEARER_AUTH_CREDENTIALS_SOURCE, Type.STRING, SOURCE_STATIC_TOKEN,
                    ValidString.in(SOURCE_STATIC_TOKEN), Importance.LOW,
                    "Where the bearer token comes from; only STATIC_TOKEN (bearer.auth.token) is supported.")
            .define(BEARER_AUTH_TOKEN, Type.PASSWORD, "", Importance.MEDIUM,
                    "Static bearer token sent as 'Authorization: Bearer <token>'. Excludes basic auth.")
            .define(KEY_SUBJECT_NAME_STRATEGY, Type.STRING, CONFLUENT_TOPIC_NAME_STRATEGY, Importance.LOW,
                    "Subject naming for keys; only TopicNameStrategy (<topic>-key) is supported.")
            .define(VALUE_SUBJECT_NAME_STRATEGY, Type.STRING, CONFLUENT_TOPIC_NAME_STRATEGY, Importance.LOW,
                    "Subject naming for values; only TopicNameStrategy (<topic>-value) is supported.")
            .define(SPECIFIC_AVRO_KEY_TYPE, Type.CLASS, null, Importance.LOW,
                    "Generated SpecificRecord class whose schema is the reader schema for keys. When unset,"
                            + " the class named by the writer schema is used.")
            .define(SPECIFIC_AVRO_VALUE_TYPE, Type.CLASS, null, Importance.LOW,
                    "Generated SpecificRecord class whose schema is the reader schema for values. When unset,"
                            + " the class named by the writer schema is used.")
            .define(MAX_RETRIES, Type.INT, 3, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Retries of a registry call after a connection failure, timeout, 5xx, 408 or 429."
                            + " Other 4xx answers are never retried.")
            .define(RETRIES_WAIT_MS, Type.LONG, 100L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Backoff before the first retry; doubles on each further retry.")
            .define(RETRIES_MAX_WAIT_MS, Type.LONG, 5_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Upper bound of the retry backoff.")
            .define(HTTP_CONNECT_TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "TCP/TLS connect timeout of registry calls.")
            .define(HTTP_READ_TIMEOUT_MS, Type.INT, 30_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Timeout of one registry request, from sending it to the end of the answer.")
            .define(CACHE_CAPACITY, Type.INT, 1_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Maximum entries of each client cache: (subject, schema) -> id and id -> schema.");

    public RegistrySerdeConfig(Map<?, ?> configs) {
        // doLog=false: Streams configures a serde per task; one INFO dump per task is noise.
        super(CONFIG_DEF, configs, Map.of(), false);
        requireTopicNameStrategy(KEY_SUBJECT_NAME_STRATEGY);
        requireTopicNameStrategy(VALUE_SUBJECT_NAME_STRATEGY);
        validateAuth();
        urls().forEach(RegistrySerdeConfig::validateUrl);
    }

    /** The definition of every key, with documentation; for docs and tests. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    public List<String> urls() {
        return getList(SCHEMA_REGISTRY_URL);
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    public String basicAuthCredentialsSource() {
        return getString(BASIC_AUTH_CREDENTIALS_SOURCE);
    }

    /** user:password when basic.auth.credentials.source=USER_INFO, else empty. */
    public String basicAuthUserInfo() {
        return SOURCE_USER_INFO.equals(basicAuthCredentialsSource()) ? secret(BASIC_AUTH_USER_INFO) : "";
    }

    public String bearerToken() {
        return secret(BEARER_AUTH_TOKEN);
    }

    /** The configured reader class for keys or values, or null to use the writer schema's class. */
    public Class<?> specificType(boolean isKey) {
        return getClass(isKey ? SPECIFIC_AVRO_KEY_TYPE : SPECIFIC_AVRO_VALUE_TYPE);
    }

    public int maxRetries() {
        return getInt(MAX_RETRIES);
    }

    public Duration retriesWait() {
        return Duration.ofMillis(getLong(RETRIES_WAIT_MS));
    }

    public Duration retriesMaxWait() {
        return Duration.ofMillis(getLong(RETRIES_MAX_WAIT_MS));
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getInt(HTTP_CONNECT_TIMEOUT_MS));
    }

    public Duration readTimeout() {
        return Duration.ofMillis(getInt(HTTP_READ_TIMEOUT_MS));
    }

    public int cacheCapacity() {
        return getInt(CACHE_CAPACITY);
    }

    private String secret(String key) {
        Password password = getPassword(key);
        return password == null ? "" : password.value();
    }

    private void requireTopicNameStrategy(String key) {
        String value = getString(key);
        if (!TOPIC_NAME_STRATEGY_NAMES.contains(value)) {
            throw new ConfigException(key, value, "only TopicNameStrategy is supported (allowed: "
                    + CONFLUENT_TOPIC_NAME_STRATEGY + ", " + TopicNameStrategy.class.getName() + ")");
        }
    }

    private void validateAuth() {
        String userInfo = secret(BASIC_AUTH_USER_INFO);
        if (!userInfo.isEmpty() && SOURCE_URL.equals(basicAuthCredentialsSource())) {
            // Confluent silently ignores the credentials in this case; an unauthenticated client
            // then fails far from the cause, so say it here.
            throw new ConfigException(BASIC_AUTH_USER_INFO, "[hidden]", "is set but "
                    + BASIC_AUTH_CREDENTIALS_SOURCE + "=URL ignores it; set " + BASIC_AUTH_CREDENTIALS_SOURCE
                    + "=USER_INFO");
        }
        if (SOURCE_USER_INFO.equals(basicAuthCredentialsSource()) && userInfo.indexOf(':') < 0) {
            throw new ConfigException(BASIC_AUTH_USER_INFO, "[hidden]",
                    "must be user:password when " + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO");
        }
        if (!bearerToken().isEmpty() && SOURCE_USER_INFO.equals(basicAuthCredentialsSource())) {
            throw new ConfigException(BEARER_AUTH_TOKEN, "[hidden]",
                    "cannot be combined with basic auth (" + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO)");
        }
    }

    private static void validateUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw new ConfigException(SCHEMA_REGISTRY_URL, Endpoint.redact(url),
                        "must be an http:// or https:// URL with a host");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, Endpoint.redact(url), "is not a valid URL");
        }
    }
}
