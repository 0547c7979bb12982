package dev.funnelstreams.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.Topics;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP server over a Kafka Streams instance that has not started (no broker needed): health
 * is open, readiness follows the state, the token is required, errors are JSON with a status.
 */
class FunnelHttpServerTest {

    private static final FunnelConfig FUNNEL = FunnelConfigLoader.load(Path.of("src/test/resources/funnel.yaml"));

    @TempDir
    Path tmp;

    private KafkaStreams streams;
    private FunnelHttpServer server;
    private ApiClient api;

    @BeforeEach
    void start() throws IOException {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).to("out");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "http-unit");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, tmp.toString());
        streams = new KafkaStreams(builder.build(), props);
        server = FunnelHttpServer.bind(new AppConfig.Http(true, "127.0.0.1", 0, null, "t0ken"));
        server.start(streams, FUNNEL, "http-unit", Topics.defaults(), Clock.systemUTC());
        api = new ApiClient(server.uri(), "t0ken");
    }

    @AfterEach
    void stop() {
        server.close();
        streams.close(Duration.ofSeconds(5));
    }

    @Test
    void bindsToLoopbackAndAdvertisesTheBoundPort() {
        assertThat(server.applicationServer()).isEqualTo("127.0.0.1:" + server.port());
        assertThat(server.port()).isPositive();
    }

    @Test
    void livenessIsOpenAndReadinessFollowsTheStreamsState() {
        ApiClient anonymous = api.withToken(null);
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        ApiClient.Answer ready = anonymous.get("/health/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().get("state").asText()).isEqualTo("CREATED");
        streams.close(Duration.ofSeconds(5));
        ready = anonymous.get("/health/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().get("state").asText()).isEqualTo("NOT_RUNNING");
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
    }

    @Test
    void everyOtherPathNeedsTheBearerToken() {
        for (String path : new String[] {"/api/config", "/api/funnel?period=2026-W09", "/metrics", "/api/alerts",
                "/api/leads", "/api/leads?format=csv",
                "/internal/scan?store=cell-totals&partitions=0"}) {
            ApiClient.Answer none = api.withToken(null).get(path);
            assertThat(none.status()).as(path).isEqualTo(401);
            assertThat(none.json().get("error").asText()).contains("missing bearer token");
            assertThat(api.withToken("t0ken2").get(path).status()).as(path).isEqualTo(401);
        }
        JsonAssert.stages(api.ok("/api/config"));
    }

    @Test
    void queriesBeforeTheAppRunsAre503WithRetryAfterAndBadParametersAre400() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.uri().resolve("/api/funnel?period=2026-W09")).header("Authorization", "Bearer t0ken").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(api.get("/api/leads/L-1").status()).isEqualTo(503);
        assertThat(api.get("/api/funnel").json().get("error").asText()).contains("period: required");
        assertThat(api.get("/api/funnel?period=2026-W60").status()).isEqualTo(400);
        assertThat(api.get("/api/funnel?period=2026-W09&dimension=colour").json().get("error").asText())
                .contains("dimension").contains("channel");
        assertThat(api.get("/api/weekly-review?week=2026-03").status()).isEqualTo(400);
        assertThat(api.get("/api/targets?period=2026-Q1").status()).isEqualTo(404);
        assertThat(api.get("/api/nothing").status()).isEqualTo(404);
        assertThat(api.get("/api/funnelx?period=2026-W09").status()).isEqualTo(404);
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve(
                "/api/config")).header("Authorization", "Bearer t0ken").POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void leadListAndCsvParametersAreCheckedBeforeAnyStoreIsRead() {
        assertThat(error("/api/leads?stage=nope")).startsWith("stage: \"nope\"").contains("discovery");
        assertThat(error("/api/leads?tier=Z")).startsWith("tier: \"Z\"").contains("A, B, C");
        assertThat(error("/api/leads?limit=0")).startsWith("limit: \"0\"").contains("1..500");
        assertThat(error("/api/leads?limit=501")).startsWith("limit:");
        assertThat(error("/api/leads?limit=ten")).startsWith("limit:");
        assertThat(error("/api/leads?active=yes")).startsWith("active:");
        assertThat(error("/api/leads?after=not*a*cursor")).startsWith("after:");
        assertThat(error("/api/channel-costs?format=xlsx")).startsWith("format: \"xlsx\"").contains("json, csv");
        assertThat(error("/api/funnel?period=2026-W09&format=csv")).startsWith("table: required");
        assertThat(error("/api/funnel?period=2026-W09&format=csv&table=x")).startsWith("table: \"x\"")
                .contains("stageFlow, conversions, lossReasons");
        // valid parameters go on to the stores, which are not readable before the app runs
        assertThat(api.get("/api/leads?stage=lead&tier=A&limit=5&active=true").status()).isEqualTo(503);
    }

    private String error(String path) {
        ApiClient.Answer a = api.get(path);
        assertThat(a.status()).as(path).isEqualTo(400);
        return a.json().get("error").asText();
    }

    @Test
    void configNamesTheStagesInFunnelOrder() {
        var config = api.ok("/api/config");
        JsonAssert.stages(config);
        assertThat(config.get("stages").get(4).get("name").asText()).isEqualTo("签约成交");
        assertThat(config.get("stages").get(4).get("won").asBoolean()).isTrue();
        assertThat(config.get("stages").get(1).get("opportunity").asBoolean()).isTrue();
        assertThat(config.get("stages").get(0).get("stallAfter").asText()).isEqualTo("P14D");
        assertThat(config.get("dimensions").toString()).isEqualTo("[\"all\",\"channel\",\"owner\",\"tier\",\"industry\"]");
        assertThat(config.get("periods").toString()).isEqualTo("[\"WEEK\",\"MONTH\",\"QUARTER\",\"YEAR\"]");
        assertThat(config.get("conversionPairs").get(5).toString()).isEqualTo("{\"fromStage\":\"lead\",\"toStage\":\"won\"}");
    }

    @Test
    void addedPagesAreServedOpenOrBehindTheToken() {
        server.route("/dashboard", (HttpExchange ex) -> {
            byte[] body = "<h1>漏斗</h1>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        }, true);
        ApiClient.Answer page = api.withToken(null).get("/dashboard");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("<h1>漏斗</h1>");
    }

    @Test
    void metricsAreThePrometheusTextOfTheStreamsClient() {
        ApiClient.Answer metrics = api.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE funnel_records_processed_total counter");
    }

    /** Small JSON assertions shared by the tests above. */
    private static final class JsonAssert {
        static void stages(com.fasterxml.jackson.databind.JsonNode config) {
            assertThat(config.get("stages")).hasSize(6);
            assertThat(config.get("stages").get(0).get("name").asText()).isEqualTo("线索获取");
        }
    }
}
