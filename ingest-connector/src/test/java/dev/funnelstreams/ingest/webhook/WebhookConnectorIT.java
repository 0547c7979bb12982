package dev.funnelstreams.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.ingest.connect.StandaloneWorker;
import dev.funnelstreams.registry.KafkaAvroDeserializer;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook connector in a real standalone worker, on the embedded broker and the Apicurio registry. */
@WithKafkaAndRegistry
class WebhookConnectorIT {

    private static final String SECRET = "it-secret";

    @TempDir
    Path dir;

    private static HttpResponse<String> post(int port, String body, String ts, String sig) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
                .header("X-Timestamp", ts).header("X-Signature", sig)
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void signedPushIsProducedBeforeItIsAnsweredAndAForgedOneIs401WithNothingProduced(TestCluster cluster)
            throws Exception {
        cluster.createTopic("wh-events", 3);
        cluster.createTopic("wh-spend", 1);
        cluster.createTopic("wh-rejected", 1);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (StandaloneWorker w = new StandaloneWorker(cluster.bootstrapServers(), dir.resolve("offsets"))) {
            w.startConnector("crm-webhook", WebhookSourceConnector.class.getName(), Map.of(
                    "listener.host", "127.0.0.1", "listener.port", Integer.toString(port),
                    "signature.secret", SECRET, "mapping.file", Path.of("mappings/canonical.yaml").toAbsolutePath().toString(),
                    "topic.lead.events", "wh-events", "topic.channel.spend", "wh-spend", "topic.rejected", "wh-rejected",
                    "schema.registry.url", cluster.registryUrl()));
            String forgedBody = "{\"eventId\":\"f-1\",\"type\":\"LeadCreated\",\"leadId\":\"F-1\","
                    + "\"occurredAt\":\"2026-03-02T09:30:00Z\"}";
            String body = forgedBody.replace("f-1", "e-1").replace("F-1", "L-1");
            String ts = Long.toString(System.currentTimeMillis() / 1000);
            String sig = new SignatureCheck("hmac-sha256", SECRET, 0, Clock.systemUTC())
                    .sign("POST", "", body.getBytes(StandardCharsets.UTF_8), ts);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> post(port, forgedBody, ts, sig).statusCode() == 401);
            HttpResponse<String> ok = post(port, body, ts, sig);
            assertThat(ok.statusCode()).isEqualTo(200);
            // Answered after the ack: the record is already readable.
            List<String> ids = readIds(cluster);
            assertThat(ids).containsExactly("e-1");
        }
    }

    private static List<String> readIds(TestCluster cluster) {
        Properties p = new Properties();
        p.put("bootstrap.servers", cluster.bootstrapServers());
        p.put("group.id", "it-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        KafkaAvroDeserializer<LeadEvent> de = new KafkaAvroDeserializer<>(LeadEvent.class);
        de.configure(Map.of("schema.registry.url", cluster.registryUrl()), false);
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of("wh-events"));
            long end = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < end && ids.isEmpty()) {
                c.poll(Duration.ofMillis(500)).forEach(r -> ids.add(de.deserialize(r.topic(), r.value()).getEventId()));
            }
            // Give a forged push that slipped through a chance to show up.
            c.poll(Duration.ofSeconds(2)).forEach(r -> ids.add(de.deserialize(r.topic(), r.value()).getEventId()));
        }
        return ids;
    }
}
