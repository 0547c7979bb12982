package dev.funnelstreams.alertsink.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelstreams.alertsink.AlertSinkConnector;
import dev.funnelstreams.alertsink.Alerts;
import dev.funnelstreams.alertsink.Receiver;
import dev.funnelstreams.avro.out.Alert;
import dev.funnelstreams.avro.out.AlertKey;
import dev.funnelstreams.registry.KafkaAvroSerializer;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink in a real standalone worker on the embedded broker and the Apicurio registry: alerts
 * produced with the project's Avro serde reach signed webhooks by owner; the worker is stopped
 * mid-stream and its committed offsets are rewound to the start (as if it had crashed before any
 * commit), and the restarted worker still sends every (alertId, status, route) exactly once.
 */
@WithKafkaAndRegistry
class AlertSinkIT {

    private static final String TOPIC = "it-alerts";
    private static final String NAME = "alert-sink-it";
    private static final String SECRET = "it-hook-secret";

    @TempDir
    Path dir;

    @Test
    void deliversEveryAlertOnceByOwnerAcrossAStopAndARewoundRestart(TestCluster cluster) throws Exception {
        cluster.createTopic(TOPIC, 3);
        cluster.createTopic(TOPIC + "-dlq", 1);
        try (Receiver hooks = new Receiver("")) {
            hooks.delay(150);
            Map<String, String> config = connectorConfig(cluster, hooks);
            List<String> expected = produce(cluster);

            try (StandaloneWorker w = new StandaloneWorker(cluster.bootstrapServers(), dir.resolve("offsets"))) {
                w.startConnector(NAME, AlertSinkConnector.class.getName(), config);
                await().atMost(Duration.ofSeconds(90)).until(() -> hooks.requests().size() >= 25);
            }
            int beforeRestart = hooks.requests().size();
            assertThat(beforeRestart).as("stopped mid-stream").isLessThan(expected.size());
            rewindToStart(cluster);

            try (StandaloneWorker w = new StandaloneWorker(cluster.bootstrapServers(), dir.resolve("offsets"))) {
                w.startConnector(NAME, AlertSinkConnector.class.getName(), config);
                await().atMost(Duration.ofSeconds(120)).until(() -> hooks.requests().size() >= expected.size());
                Thread.sleep(3_000); // anything sent twice would arrive now
            }

            List<String> got = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (Receiver.Request r : hooks.requests()) {
                String ts = r.header("X-Timestamp");
                assertThat(r.header("X-Signature")).isEqualTo(hexHmac(SECRET, ts + "." + r.body()));
                String key = r.header("X-Funnel-Dedup-Key");
                assertThat(json.readTree(r.body()).path("dedupKey").asText()).isEqualTo(key);
                got.add(r.uri().getPath() + " " + key);
            }
            assertThat(got).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private Map<String, String> connectorConfig(TestCluster cluster, Receiver hooks) throws Exception {
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, """
                channels:
                  alice-hook: {type: webhook, url: "%s", secret: "${secret:hook}", ratePerMinute: 1000}
                  bob-hook: {type: webhook, url: "%s", secret: "${secret:hook}", ratePerMinute: 1000}
                  team-hook: {type: webhook, url: "%s", secret: "${secret:hook}", ratePerMinute: 1000}
                owners:
                  alice: {channel: alice-hook, sendCleared: true}
                  bob: {channel: bob-hook}
                default: {channel: team-hook}
                """.formatted(hooks.url("/alice"), hooks.url("/bob"), hooks.url("/team")));
        Map<String, String> c = new HashMap<>();
        c.put("tasks.max", "2");
        c.put("topics", TOPIC);
        c.put("routes.file", routes.toString());
        c.put("secret.hook", SECRET);
        c.put("dashboard.base.url", "https://funnel.example.com");
        c.put("sent.log.topic", TOPIC + "-sent");
        c.put("sent.log.bootstrap.servers", cluster.bootstrapServers());
        c.put("sent.log.replication.factor", "1");
        c.put("schema.registry.url", cluster.registryUrl());
        c.put("errors.tolerance", "all");
        c.put("errors.deadletterqueue.topic.name", TOPIC + "-dlq");
        c.put("errors.deadletterqueue.topic.replication.factor", "1");
        return c;
    }

    /** Produces alerts for alice, bob and an unmapped owner, CLEARED follow-ups and tombstones; returns what must arrive. */
    private static List<String> produce(TestCluster cluster) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", cluster.bootstrapServers());
        Map<String, Object> serde = Map.of("schema.registry.url", cluster.registryUrl());
        KafkaAvroSerializer<AlertKey> keys = new KafkaAvroSerializer<>();
        keys.configure(serde, true);
        KafkaAvroSerializer<Alert> values = new KafkaAvroSerializer<>();
        values.configure(serde, false);
        List<String> expected = new ArrayList<>();
        String[] owners = {"alice", "bob", "carol"};
        try (KafkaProducer<AlertKey, Alert> producer = new KafkaProducer<>(p, keys, values)) {
            List<Alert> raised = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String owner = owners[i % 3];
                Alert a = Alerts.stall(String.format("%032x", i), "L-" + i, owner, i % 2 == 0 ? "A" : "B");
                raised.add(a);
                send(producer, a);
                expected.add(path(owner) + " " + a.getAlertId() + ":RAISED");
            }
            // Re-raised for a new owner: only bob gets it; alice's copy is not sent again.
            Alert moved = Alerts.stall(raised.get(0).getAlertId(), "L-0", "bob", "A");
            send(producer, moved);
            expected.add("/bob " + moved.getAlertId() + ":RAISED");
            for (int i = 3; i < 60; i += 3) { // alice's alerts clear, then are deleted
                Alert cleared = Alerts.cleared(raised.get(i));
                send(producer, cleared);
                producer.send(new ProducerRecord<>(TOPIC, new AlertKey(cleared.getAlertId()), null));
                expected.add("/alice " + cleared.getAlertId() + ":CLEARED");
            }
            for (int i = 1; i < 60; i += 3) { // bob's clear too, but bob's route does not ask for CLEARED
                send(producer, Alerts.cleared(raised.get(i)));
            }
            producer.flush();
        }
        return expected;
    }

    private static void send(KafkaProducer<AlertKey, Alert> producer, Alert a) {
        producer.send(new ProducerRecord<>(TOPIC, new AlertKey(a.getAlertId()), a));
    }

    private static String path(String owner) {
        return owner.equals("carol") ? "/team" : "/" + owner;
    }

    /** Sets the connector's committed offsets back to the beginning: every record is redelivered. */
    private static void rewindToStart(TestCluster cluster) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            for (int i = 0; i < 3; i++) {
                start.put(new TopicPartition(TOPIC, i), new OffsetAndMetadata(0));
            }
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                    admin.alterConsumerGroupOffsets("connect-" + NAME, start).all().get(10, TimeUnit.SECONDS));
            assertThat(admin.listConsumerGroupOffsets("connect-" + NAME).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS)).hasSize(3).allSatisfy((tp, o) -> assertThat(o.offset()).isZero());
        }
    }

    private static String hexHmac(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder sb = new StringBuilder();
        for (byte b : mac.doFinal(message.getBytes(StandardCharsets.UTF_8))) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
