package dev.funnelstreams.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

@WithKafkaAndRegistry
class ApicurioRegistryIT {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String LEAD_V1 =
            "{\"type\":\"record\",\"name\":\"Lead\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
    private static final String LEAD_V2_NEW_FIELD_WITHOUT_DEFAULT = "{\"type\":\"record\",\"name\":\"Lead\",\"fields\":"
            + "[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"stage\",\"type\":\"string\"}]}";
    private static final Pattern ID = Pattern.compile("\\{\"id\":(\\d+)}");

    private final HttpClient http = HttpClient.newHttpClient();
    private TestCluster cluster;

    @Test
    void registersSchemaAndServesItById() throws Exception {
        HttpResponse<String> registered = register("t-value", LEAD_V1);
        assertThat(registered.statusCode()).isEqualTo(200);
        long id = idOf(registered);

        HttpResponse<String> fetched = get("/schemas/ids/" + id);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).contains("\"schema\":\"" + escape(LEAD_V1) + "\"");
    }

    @Test
    void rejectsBackwardIncompatibleVersionWith409() throws Exception {
        assertThat(register("incompatible-value", LEAD_V1).statusCode()).isEqualTo(200);

        HttpResponse<String> second = register("incompatible-value", LEAD_V2_NEW_FIELD_WITHOUT_DEFAULT);

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("\"error_code\":409");
    }

    @Test
    void answersUnknownIdWith404AndErrorCode40403() throws Exception {
        HttpResponse<String> response = get("/schemas/ids/987654");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"error_code\":40403");
    }

    @Test
    void reportsGlobalCompatibilityNoneAlthoughItEnforcesBackward() throws Exception {
        // The startup property acts as a default rule; GET /config only shows rules stored through the API.
        HttpResponse<String> config = get("/config");

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
    }

    @Test
    void givesSameSchemaUnderTwoSubjectsOneContentId() throws Exception {
        long first = idOf(register("same-a-value", LEAD_V1));
        long second = idOf(register("same-b-value", LEAD_V1));

        assertThat(second).isEqualTo(first);
    }

    private HttpResponse<String> register(String subject, String avroSchema) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.registryUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"" + escape(avroSchema) + "\"}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.registryUrl() + path)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static long idOf(HttpResponse<String> response) {
        Matcher matcher = ID.matcher(response.body());
        assertThat(matcher.matches()).as("POST versions answers {\"id\":N}, got %s", response.body()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static String escape(String json) {
        return json.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
