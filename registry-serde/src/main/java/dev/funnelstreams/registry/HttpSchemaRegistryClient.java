package dev.funnelstreams.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.funnelstreams.registry.internals.BoundedCache;
import dev.funnelstreams.registry.internals.Endpoint;
import dev.funnelstreams.registry.internals.RegistryTransport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.config.ConfigException;

/**
 * {@link SchemaRegistryClient} over the Confluent Schema Registry REST API, which Karapace,
 * Redpanda and Apicurio (under /apis/ccompat/v7) also serve. Caches ids and schemas.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    private record SubjectSchema(String subject, Schema schema) {
    }

    private final RegistryTransport transport;
    private final BoundedCache<SubjectSchema, Integer> ids;
    private final BoundedCache<Integer, Schema> schemas;

    public HttpSchemaRegistryClient(RegistrySerdeConfig config) {
        List<String> urls = config.urls();
        if (urls.isEmpty()) {
            throw new ConfigException(RegistrySerdeConfig.SCHEMA_REGISTRY_URL, "",
                    "is required unless a SchemaRegistryClient is passed to the serde");
        }
        Optional<String> auth = !config.basicAuthUserInfo().isEmpty()
                ? Optional.of(Endpoint.basic(config.basicAuthUserInfo()))
                : !config.bearerToken().isEmpty() ? Optional.of("Bearer " + config.bearerToken()) : Optional.empty();
        boolean credentialsFromUrl = RegistrySerdeConfig.SOURCE_URL.equals(config.basicAuthCredentialsSource());
        List<Endpoint> endpoints = urls.stream().map(u -> Endpoint.of(u, credentialsFromUrl, auth)).toList();
        this.transport = new RegistryTransport(endpoints, config.connectTimeout(), config.readTimeout(),
                config.maxRetries(), config.retriesWait(), config.retriesMaxWait());
        this.ids = new BoundedCache<>(config.cacheCapacity());
        this.schemas = new BoundedCache<>(config.cacheCapacity());
    }

    /** A client configured from Confluent-style keys; see {@link RegistrySerdeConfig}. */
    public static HttpSchemaRegistryClient fromConfigs(Map<String, ?> configs) {
        return new HttpSchemaRegistryClient(new RegistrySerdeConfig(configs));
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = ids.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer;
        try {
            answer = transport.post("/subjects/" + encode(subject) + "/versions", body(schema),
                    "schema " + schema.getFullName() + " for subject '" + subject + "'");
        } catch (IncompatibleSchemaException conflict) {
            return registeredConcurrently(key, conflict);
        }
        return remember(key, requireId(answer, subject));
    }

    /**
     * Apicurio answers 409 ("already exists") when two clients register the same new schema at
     * the same moment, e.g. two stream threads writing one topic's first records. Registering an
     * identical schema is idempotent, so when the subject already holds exactly this schema its id
     * is the answer; otherwise the 409 was a real incompatibility.
     */
    private int registeredConcurrently(SubjectSchema key, IncompatibleSchemaException conflict) {
        int id;
        try {
            id = lookup(key.subject(), key.schema());
        } catch (SchemaRegistryException notThere) {
            conflict.addSuppressed(notThere);
            throw conflict;
        }
        return id;
    }

    @Override
    public int lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = ids.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = transport.post("/subjects/" + encode(subject), body(schema),
                "schema " + schema.getFullName() + " under subject '" + subject + "'");
        return remember(key, requireId(answer, subject));
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemas.get(id);
        if (cached != null) {
            return cached;
        }
        String what = "schema id " + id;
        Schema schema = parse(transport.get("/schemas/ids/" + id, what), what);
        schemas.put(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        String what = "latest version of subject '" + subject + "'";
        JsonNode answer = transport.get("/subjects/" + encode(subject) + "/versions/latest", what);
        Schema schema = parse(answer, what);
        return new RegisteredSchema(subject, answer.path("id").asInt(), answer.path("version").asInt(), schema);
    }

    @Override
    public String toString() {
        return "HttpSchemaRegistryClient[" + transport.urls() + "]";
    }

    private int remember(SubjectSchema key, int id) {
        ids.put(key, id);
        schemas.put(id, key.schema());
        return id;
    }

    private int requireId(JsonNode answer, String subject) {
        JsonNode id = answer.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new SchemaRegistryException("schema registry " + transport.urls() + " answered without an id for"
                    + " subject '" + subject + "': " + answer, SchemaRegistryException.NO_STATUS,
                    SchemaRegistryException.NO_STATUS, transport.urls());
        }
        return id.asInt();
    }

    private Schema parse(JsonNode answer, String what) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw unusable(what, "is a " + type + " schema, not AVRO");
        }
        JsonNode references = answer.path("references");
        if (references.isArray() && !references.isEmpty()) {
            throw unusable(what, "uses schema references, which this client does not resolve: " + references);
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw unusable(what, "came without a 'schema' string: " + answer);
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw unusable(what, "is not a valid Avro schema: " + e.getMessage());
        }
    }

    private UnusableSchemaException unusable(String what, String reason) {
        return new UnusableSchemaException(what + " from " + transport.urls() + " " + reason, transport.urls());
    }

    private static String body(Schema schema) {
        // schemaType is omitted: AVRO is the default on every compatible registry.
        return JsonNodeFactory.instance.objectNode().put("schema", schema.toString()).toString();
    }

    /** Subjects go into the URL path: encode everything but unreserved characters, spaces as %20. */
    static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
