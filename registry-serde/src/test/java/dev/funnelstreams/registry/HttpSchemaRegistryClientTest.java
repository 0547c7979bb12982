package dev.funnelstreams.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelstreams.registry.testdata.TestEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpSchemaRegistryClientTest {

    private static final Schema SCHEMA = TestEvent.getClassSchema();
    private static final ObjectMapper JSON = new ObjectMapper();

    private StubRegistry stub;

    @BeforeEach
    void start() throws IOException {
        stub = new StubRegistry();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private Map<String, Object> config(String url) {
        Map<String, Object> config = new HashMap<>();
        config.put(RegistrySerdeConfig.SCHEMA_REGISTRY_URL, url);
        config.put(RegistrySerdeConfig.MAX_RETRIES, 2);
        config.put(RegistrySerdeConfig.RETRIES_WAIT_MS, 5);
        config.put(RegistrySerdeConfig.RETRIES_MAX_WAIT_MS, 20);
        return config;
    }

    private HttpSchemaRegistryClient client() {
        return HttpSchemaRegistryClient.fromConfigs(config(stub.url()));
    }

    private static String schemaAnswer(Schema schema) throws IOException {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    @Test
    void fetchesSchemaByIdOnceAndCachesIt() throws IOException {
        stub.respond(200, schemaAnswer(SCHEMA));
        HttpSchemaRegistryClient client = client();

        assertThat(client.getById(7)).isEqualTo(SCHEMA);
        assertThat(client.getById(7)).isEqualTo(SCHEMA);

        assertThat(stub.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.rawPath()).isEqualTo("/schemas/ids/7");
            assertThat(r.header("Accept")).startsWith("application/vnd.schemaregistry.v1+json");
        });
    }

    @Test
    void registersByPostingTheSchemaAsJsonAndCachesTheId() throws IOException {
        stub.respond(200, "{\"id\":12}");
        HttpSchemaRegistryClient client = client();

        assertThat(client.register("funnel-events-value", SCHEMA)).isEqualTo(12);
        assertThat(client.register("funnel-events-value", SCHEMA)).isEqualTo(12);
        // The id of a schema this client registered is known without a GET.
        assertThat(client.getById(12)).isEqualTo(SCHEMA);

        assertThat(stub.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.rawPath()).isEqualTo("/subjects/funnel-events-value/versions");
            assertThat(r.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
            assertThat(new Schema.Parser().parse(JSON.readTree(r.body()).get("schema").asText())).isEqualTo(SCHEMA);
        });
    }

    @Test
    void looksUpWithoutRegistering() {
        stub.respond(200, "{\"subject\":\"s\",\"id\":3,\"version\":1,\"schema\":\"\\\"string\\\"\"}");

        assertThat(client().lookup("s", SCHEMA)).isEqualTo(3);

        assertThat(stub.requests()).singleElement()
                .satisfies(r -> assertThat(r.method() + " " + r.rawPath()).isEqualTo("POST /subjects/s"));
    }

    @Test
    void readsTheLatestVersionOfASubject() throws IOException {
        stub.respond(200, JSON.createObjectNode().put("subject", "s").put("id", 4).put("version", 2)
                .put("schema", SCHEMA.toString()).toString());

        assertThat(client().getLatest("s")).isEqualTo(new RegisteredSchema("s", 4, 2, SCHEMA));
        assertThat(stub.requests().get(0).rawPath()).isEqualTo("/subjects/s/versions/latest");
    }

    @Test
    void urlEncodesSubjectNames() {
        stub.respond(200, "{\"id\":1}");

        client().register("odd subject/with+chars", SCHEMA);

        assertThat(stub.requests().get(0).rawPath()).isEqualTo("/subjects/odd%20subject%2Fwith%2Bchars/versions");
    }

    @Test
    void keepsThePathOfTheBaseUrlForApicurioCcompat() throws IOException {
        stub.respond(200, schemaAnswer(SCHEMA));

        HttpSchemaRegistryClient.fromConfigs(config(stub.url() + "/apis/ccompat/v7/")).getById(5);

        assertThat(stub.requests().get(0).rawPath()).isEqualTo("/apis/ccompat/v7/schemas/ids/5");
    }

    @Test
    void unknownSchemaIdNamesTheIdAndTheUrlAndIsNotRetried() {
        stub.respond(404, "{\"error_code\":40403,\"message\":\"Schema 42 not found\"}");

        assertThatThrownBy(() -> client().getById(42))
                .isInstanceOfSatisfying(SchemaNotFoundException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.url()).isEqualTo(stub.url());
                    assertThat(e.isRetriable()).isFalse();
                })
                .hasMessage("schema id 42 not found at " + stub.url() + " (HTTP 404, error_code 40403: Schema 42 not found)");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void unknownSchemaIdFromTheDeserializerIsASerializationError() {
        stub.respond(404, "{\"error_code\":40403,\"message\":\"Schema 42 not found\"}");
        KafkaAvroDeserializer<TestEvent> deserializer = new KafkaAvroDeserializer<>(TestEvent.class);
        deserializer.configure(config(stub.url()), false);

        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0, 0, 0, 42, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown schema id 42")
                .hasMessageContaining(stub.url());
    }

    @ParameterizedTest
    @ValueSource(ints = {409, 40901})
    void incompatibleSchemaNamesTheSubject(int errorCode) {
        stub.respond(409, "{\"error_code\":" + errorCode + ",\"message\":\"Schema being registered is incompatible"
                + " with an earlier schema\"}");
        stub.respond(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");

        assertThatThrownBy(() -> client().register("orders-value", SCHEMA))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(errorCode))
                .hasMessageContaining("subject 'orders-value'")
                .hasMessageContaining("incompatible");
        assertThat(stub.requests()).extracting(StubRegistry.Request::rawPath)
                .containsExactly("/subjects/orders-value/versions", "/subjects/orders-value");
    }

    @Test
    void a409ForASchemaTheSubjectAlreadyHoldsIsAConcurrentRegistrationNotAnIncompatibility() {
        stub.respond(409, "{\"error_code\":409,\"message\":\"Artifact already exists\"}");
        stub.respond(200, "{\"subject\":\"orders-value\",\"id\":7,\"version\":1,\"schema\":"
                + new com.fasterxml.jackson.databind.node.TextNode(SCHEMA.toString()) + "}");

        assertThat(client().register("orders-value", SCHEMA)).isEqualTo(7);
        assertThat(stub.requests()).extracting(StubRegistry.Request::rawPath)
                .containsExactly("/subjects/orders-value/versions", "/subjects/orders-value");
    }

    @Test
    void rejectedCredentialsGiveAnAuthErrorWithoutRetrying() {
        stub.respond(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");

        assertThatThrownBy(() -> client().getById(1))
                .isInstanceOf(RegistryAuthorizationException.class)
                .hasMessageContaining("rejected the credentials")
                .hasMessageContaining("basic.auth.user.info");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void forbiddenGivesAnAuthError() {
        stub.respond(403, "{\"error_code\":40301,\"message\":\"User is denied operation Write on Subject\"}");

        assertThatThrownBy(() -> client().register("s", SCHEMA))
                .isInstanceOfSatisfying(RegistryAuthorizationException.class,
                        e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining("denied access");
    }

    @Test
    void retriesAfterServiceUnavailable() throws IOException {
        stub.respond(503, "{\"error_code\":50301,\"message\":\"leader not known\"}").respond(200, schemaAnswer(SCHEMA));

        assertThat(client().getById(9)).isEqualTo(SCHEMA);
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void givesUpAfterMaxRetriesNamingTheUrl() {
        stub.respond(502, "text/html", "<html>Bad Gateway</html>");

        assertThatThrownBy(() -> client().getById(9))
                .isInstanceOfSatisfying(RegistryUnavailableException.class, e -> {
                    assertThat(e.isRetriable()).isTrue();
                    assertThat(e.status()).isEqualTo(502);
                })
                .hasMessageContaining("schema registry unavailable at " + stub.url())
                .hasMessageContaining("3 attempt(s)")
                .hasMessageContaining("Bad Gateway");
        assertThat(stub.requests()).hasSize(3);
    }

    @Test
    void unreachableRegistryFailsAfterRetriesNamingTheUrl() throws IOException {
        String deadUrl = "http://127.0.0.1:" + freePort();

        assertThatThrownBy(() -> HttpSchemaRegistryClient.fromConfigs(config(deadUrl)).getById(1))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("schema registry unavailable at " + deadUrl)
                .hasMessageContaining("ConnectException");
    }

    @Test
    void unreachableRegistryPassesThroughTheDeserializerUnwrapped() throws IOException {
        KafkaAvroDeserializer<TestEvent> deserializer = new KafkaAvroDeserializer<>(TestEvent.class);
        deserializer.configure(config("http://127.0.0.1:" + freePort()), false);

        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0, 0, 0, 1, 0}))
                .isInstanceOf(RegistryUnavailableException.class);
    }

    @Test
    void triesTheNextUrlWhenOneIsUnreachable() throws IOException {
        stub.respond(200, schemaAnswer(SCHEMA));
        String urls = "http://127.0.0.1:" + freePort() + "," + stub.url();

        assertThat(HttpSchemaRegistryClient.fromConfigs(config(urls)).getById(1)).isEqualTo(SCHEMA);
    }

    @Test
    void sendsBasicAuthFromUserInfo() throws IOException {
        stub.respond(200, schemaAnswer(SCHEMA));
        Map<String, Object> config = config(stub.url());
        config.put(RegistrySerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
        config.put(RegistrySerdeConfig.BASIC_AUTH_USER_INFO, "funnel:s3cr:et");

        HttpSchemaRegistryClient.fromConfigs(config).getById(1);

        assertThat(stub.requests().get(0).header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("funnel:s3cr:et".getBytes()));
    }

    @Test
    void sendsBasicAuthFromTheUrlWithoutLeakingIt() throws IOException {
        stub.respond(404, "{\"error_code\":40403,\"message\":\"Schema 1 not found\"}");
        String url = stub.url().replace("http://", "http://funnel:pw@");

        assertThatThrownBy(() -> HttpSchemaRegistryClient.fromConfigs(config(url)).getById(1))
                .hasMessageNotContaining("pw");
        assertThat(stub.requests().get(0).header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("funnel:pw".getBytes()));
    }

    @Test
    void sendsBearerToken() throws IOException {
        stub.respond(200, schemaAnswer(SCHEMA));
        Map<String, Object> config = config(stub.url());
        config.put(RegistrySerdeConfig.BEARER_AUTH_TOKEN, "tok-123");

        HttpSchemaRegistryClient.fromConfigs(config).getById(1);

        assertThat(stub.requests().get(0).header("Authorization")).isEqualTo("Bearer tok-123");
    }

    @Test
    void serializerWithAutoRegisterOffLooksTheSchemaUp() {
        stub.respond(200, "{\"subject\":\"orders-value\",\"id\":21,\"version\":3,\"schema\":\"{}\"}");
        Map<String, Object> config = config(stub.url());
        config.put(RegistrySerdeConfig.AUTO_REGISTER_SCHEMAS, "false");
        KafkaAvroSerializer<TestEvent> serializer = new KafkaAvroSerializer<>();
        serializer.configure(config, false);

        byte[] bytes = serializer.serialize("orders", AvroSerdeTest.event());

        assertThat(WireFormat.schemaId(bytes)).isEqualTo(21);
        assertThat(stub.requests()).singleElement()
                .satisfies(r -> assertThat(r.method() + " " + r.rawPath()).isEqualTo("POST /subjects/orders-value"));
    }

    @Test
    void serdeRoundTripsOverHttp() throws IOException {
        stub.respond(200, "{\"id\":31}").respond(200, schemaAnswer(SCHEMA));
        SpecificAvroSerde<TestEvent> producerSide = new SpecificAvroSerde<>(TestEvent.class);
        producerSide.configure(config(stub.url()), false);
        byte[] bytes = producerSide.serializer().serialize("orders", AvroSerdeTest.event());

        SpecificAvroSerde<TestEvent> consumerSide = new SpecificAvroSerde<>(TestEvent.class);
        consumerSide.configure(config(stub.url()), false);

        assertThat(consumerSide.deserializer().deserialize("orders", bytes)).isEqualTo(AvroSerdeTest.event());
        assertThat(stub.requests()).extracting(r -> r.method() + " " + r.rawPath())
                .containsExactly("POST /subjects/orders-value/versions", "GET /schemas/ids/31");
    }

    @Test
    void refusesNonAvroSchemas() {
        stub.respond(200, "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}");

        assertThatThrownBy(() -> client().getById(3))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("schema id 3")
                .hasMessageContaining("PROTOBUF");
    }

    @Test
    void aRecordWhoseSchemaIdNamesAJsonProtobufOrReferencingSchemaIsBadDataNotAnOutage() throws IOException {
        stub.respond(200, "{\"schema\":\"{\\\"type\\\":\\\"object\\\"}\",\"schemaType\":\"JSON\"}")
                .respond(200, "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}")
                .respond(200, JSON.createObjectNode().put("schema", SCHEMA.toString()).set("references",
                        JSON.readTree("[{\"name\":\"x\",\"subject\":\"x-value\",\"version\":1}]")).toString());
        SpecificAvroSerde<TestEvent> serde = new SpecificAvroSerde<>(TestEvent.class);
        serde.configure(config(stub.url()), false);

        for (int id : new int[] {41, 42, 43}) {
            byte[] record = {0, 0, 0, 0, (byte) id, 2, 'x'};
            assertThatThrownBy(() -> serde.deserializer().deserialize("orders", record))
                    .as("schema id " + id)
                    .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
                    .hasMessageContaining("schema id " + id + " in record from topic orders cannot be read")
                    .hasCauseInstanceOf(UnusableSchemaException.class);
        }
    }

    @Test
    void userInfoWithoutUserInfoSourceIsAConfigError() {
        Map<String, Object> config = config(stub.url());
        config.put(RegistrySerdeConfig.BASIC_AUTH_USER_INFO, "u:p");

        assertThatThrownBy(() -> HttpSchemaRegistryClient.fromConfigs(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.credentials.source=USER_INFO")
                .hasMessageNotContaining("u:p");
    }

    @Test
    void otherSubjectNameStrategiesAreAConfigError() {
        Map<String, Object> config = config(stub.url());
        config.put(RegistrySerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                "io.confluent.kafka.serializers.subject.RecordNameStrategy");

        assertThatThrownBy(() -> HttpSchemaRegistryClient.fromConfigs(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.subject.name.strategy");
    }

    @Test
    void nonHttpUrlIsAConfigError() {
        assertThatThrownBy(() -> HttpSchemaRegistryClient.fromConfigs(config("mock://scope")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void everyConfigKeyIsDocumented() {
        assertThat(RegistrySerdeConfig.configDef().configKeys().values())
                .allSatisfy(key -> assertThat(key.documentation).as(key.name).isNotBlank());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
