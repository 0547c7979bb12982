package dev.funnelstreams.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.registry.InMemorySchemaRegistryClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook task's HTTP contract, with the worker's side (poll, commitRecord) played by the test. */
class WebhookSourceTaskTest {

    private static final String SECRET = "s3cret";
    private static final String PUSH = "[{\"eventId\":\"e-1\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\","
            + "\"occurredAt\":\"2026-03-02T09:30:00+08:00\",\"channel\":\"expo\"},"
            + "{\"eventId\":\"e-2\",\"type\":\"StageChanged\",\"leadId\":\"L-1\","
            + "\"occurredAt\":\"2026-03-03T09:30:00+08:00\",\"toStage\":\"won\"}]";

    private final HttpClient http = HttpClient.newHttpClient();
    private WebhookSourceTask task;

    private WebhookSourceTask start(String mapping, String scheme, int queueMax, int maxBody) {
        task = new WebhookSourceTask(new InMemorySchemaRegistryClient());
        Map<String, String> p = new HashMap<>();
        p.put("listener.host", "127.0.0.1");
        p.put("listener.port", "0");
        p.put("signature.scheme", scheme);
        p.put("signature.secret", SECRET);
        p.put("mapping.file", "mappings/" + mapping);
        p.put("queue.max.records", Integer.toString(queueMax));
        p.put("max.body.bytes", Integer.toString(maxBody));
        p.put("ack.timeout.ms", "5000");
        p.put("schema.registry.url", "http://registry.invalid");
        task.start(p);
        return task;
    }

    @AfterEach
    void stop() {
        task.stop();
    }

    private CompletableFuture<HttpResponse<String>> post(String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + task.port() + "/webhook"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** True when the server closed the connection (end of stream or reset) within 5 s. */
    private static boolean closedByServer(java.net.Socket s) throws java.io.IOException {
        s.setSoTimeout(5_000);
        try {
            return s.getInputStream().read() == -1;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    /** What the worker passes for a record Kafka took. */
    private static RecordMetadata written(SourceRecord r) {
        return new RecordMetadata(new TopicPartition(r.topic(), 0), 0, 0, 0, 0, 0);
    }

    private static Map<String, String> signed(String body) {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String sig = new SignatureCheck("hmac-sha256", SECRET, 0, Clock.systemUTC())
                .sign("POST", "", body.getBytes(StandardCharsets.UTF_8), ts);
        return Map.of("X-Timestamp", ts, "X-Signature", "sha256=" + sig);
    }

    /** Plays the worker's first poll that returns records (null if none in 50 polls). */
    private List<SourceRecord> firstBatch() throws InterruptedException {
        List<SourceRecord> first = null;
        for (int i = 0; i < 50 && first == null; i++) {
            first = task.poll();
        }
        return first;
    }

    /** Plays the worker: polls and acknowledges until the response arrives. */
    private int drainAndAck(CompletableFuture<HttpResponse<String>> response, List<SourceRecord> seen) throws Exception {
        for (int i = 0; i < 50 && !response.isDone(); i++) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                seen.addAll(batch);
                batch.forEach(r -> task.commitRecord(r, written(r)));
            }
        }
        return response.get(10, TimeUnit.SECONDS).statusCode();
    }

    @Test
    void answers200OnlyAfterKafkaAcknowledgedEveryRecordOfASignedPush() throws Exception {
        start("canonical.yaml", "hmac-sha256", 100, 1 << 20);
        CompletableFuture<HttpResponse<String>> response = post(PUSH, signed(PUSH));
        List<SourceRecord> first = firstBatch();
        assertThat(first).hasSize(2);
        Thread.sleep(200);
        assertThat(response).isNotDone();
        task.commitRecord(first.get(0), written(first.get(0)));
        Thread.sleep(100);
        assertThat(response).isNotDone();
        task.commitRecord(first.get(1), written(first.get(1)));
        assertThat(response.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(response.get().body()).contains("\"records\":2");
    }

    @Test
    void answers503WhenKafkaDidNotTakeARecordOfThePush() throws Exception {
        start("canonical.yaml", "hmac-sha256", 100, 1 << 20);
        CompletableFuture<HttpResponse<String>> response = post(PUSH, signed(PUSH));
        List<SourceRecord> first = firstBatch();
        assertThat(first).hasSize(2);
        task.commitRecord(first.get(0), written(first.get(0)));
        task.commitRecord(first.get(1), null); // a failed send tolerated by errors.tolerance=all

        HttpResponse<String> r = response.get(5, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualToIgnoringNewLines("1 of 2 records did not reach Kafka; retrying is safe (eventIds"
                + " deduplicate)");
        assertThat(r.headers().firstValue("Retry-After")).contains("5");
    }

    @Test
    void slowClientsAreCutOffAndCannotHoldEveryListenerThread() throws Exception {
        start("canonical.yaml", "hmac-sha256", 100, 1 << 20);
        // JVM-wide and fixed by the first JDK HTTP server of this JVM: the task's default, 10 s, unless set earlier
        long timeout = Long.getLong("sun.net.httpserver.maxReqTime", 10);
        List<java.net.Socket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) { // more than the listener's 8 threads; each sends 2 of 1000 body bytes
                java.net.Socket s = new java.net.Socket("127.0.0.1", task.port());
                s.getOutputStream().write(("POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n[{")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            Thread.sleep((timeout + 3) * 1000);

            for (java.net.Socket s : slow) { // the server closed each slow client's connection
                assertThat(closedByServer(s)).isTrue();
            }
            HttpResponse<String> r = post(PUSH, Map.of()).get(5, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(401); // unsigned: answered at once, every thread is free again
        } finally {
            for (java.net.Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void refusesAForgedOrStaleSignatureWith401AndProducesNothing() throws Exception {
        start("canonical.yaml", "hmac-sha256", 100, 1 << 20);
        Map<String, String> forged = new HashMap<>(signed(PUSH));
        forged.put("X-Signature", "sha256=" + "0".repeat(64));
        assertThat(post(PUSH, forged).get().statusCode()).isEqualTo(401);
        String old = Long.toString(System.currentTimeMillis() / 1000 - 3600);
        String sig = new SignatureCheck("hmac-sha256", SECRET, 0, Clock.systemUTC())
                .sign("POST", "", PUSH.getBytes(StandardCharsets.UTF_8), old);
        HttpResponse<String> stale = post(PUSH, Map.of("X-Timestamp", old, "X-Signature", sig)).get();
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(stale.body()).contains("stale");
        assertThat(post(PUSH, Map.of()).get().statusCode()).isEqualTo(401);
        assertThat(task.poll()).isNull();
    }

    @Test
    void answers400WithTheReasonOfEachUnmappableItemAndProducesNothing() throws Exception {
        start("canonical.yaml", "hmac-sha256", 100, 1 << 20);
        String bad = PUSH.replace("\"toStage\":\"won\"", "\"toStage\":7").replace("\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00+08:00\"", "\"leadId\":\"L-1\"");
        HttpResponse<String> r = post(bad, signed(bad)).get();
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("item 1: LeadCreated: occurredAt").contains("item 2: StageChanged: toStage");
        assertThat(task.poll()).isNull();
    }

    @Test
    void answers413ForOversizedBodiesAnd503WithRetryAfterWhenTheQueueIsFull() throws Exception {
        start("canonical.yaml", "hmac-sha256", 1, 200);
        assertThat(post(PUSH, signed(PUSH)).get().statusCode()).isEqualTo(413);
        WebhookSourceTask small = task;
        small.stop();
        start("canonical.yaml", "hmac-sha256", 1, 1 << 20);
        HttpResponse<String> busy = post(PUSH, signed(PUSH)).get();
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).contains("1");
    }

    @Test
    void acceptsHubspotV3SignedPushesMappedWithTheHubspotWebhookMapping() throws Exception {
        start("hubspot-webhook.yaml", "hubspot-v3", 100, 1 << 20);
        String body = "[{\"eventId\":100,\"subscriptionType\":\"deal.propertyChange\",\"objectId\":42,"
                + "\"propertyName\":\"dealstage\",\"propertyValue\":\"closedwon\",\"occurredAt\":1772415000000}]";
        String ts = Long.toString(System.currentTimeMillis());
        String uri = "http://127.0.0.1:" + task.port() + "/webhook";
        String sig = new SignatureCheck("hubspot-v3", SECRET, 0, Clock.systemUTC())
                .sign("POST", uri, body.getBytes(StandardCharsets.UTF_8), ts);
        List<SourceRecord> seen = new java.util.ArrayList<>();
        int status = drainAndAck(post(body, Map.of("X-HubSpot-Request-Timestamp", ts, "X-HubSpot-Signature-v3", sig)), seen);
        assertThat(status).isEqualTo(200);
        assertThat(seen).hasSize(1);
        assertThat(new String((byte[]) seen.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("hs-42");
    }
}
