package dev.funnelstreams.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.registry.KafkaAvroDeserializer;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file connector in a real standalone worker, on the embedded broker and the Apicurio registry. */
@WithKafkaAndRegistry
class FileConnectorIT {

    private static final int ROWS = 3000;

    @TempDir
    Path dir;

    private Map<String, String> connectorConfig(TestCluster cluster, String suffix) throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("m.yaml"), """
                files:
                  - match: "deals*.csv"
                    events:
                      - type: LeadCreated
                        eventId: "c-${id}"
                        leadId: "L-${id}"
                        occurredAt: {column: created, format: yyyy-MM-dd}
                      - type: StageChanged
                        when: {column: won, notEmpty: true}
                        eventId: "w-${id}"
                        leadId: "L-${id}"
                        occurredAt: {column: won, format: yyyy-MM-dd}
                        toStage: won
                """);
        StringBuilder csv = new StringBuilder("id,created,won\n");
        for (int i = 1; i <= ROWS; i++) {
            // every 100th row has no date: rejected with its line number
            csv.append(i).append(',').append(i % 100 == 0 ? "" : "2026-03-02").append(',')
                    .append(i % 3 == 0 ? "2026-03-20" : "").append('\n');
        }
        Files.writeString(in.resolve("deals-" + suffix + ".csv"), csv.toString());
        for (String t : List.of("events-" + suffix, "spend-" + suffix, "rejected-" + suffix)) {
            cluster.createTopic(t, 3);
        }
        Map<String, String> c = new HashMap<>();
        c.put("input.path", in.toString());
        c.put("finished.path", dir.resolve("done").toString());
        c.put("mapping.file", dir.resolve("m.yaml").toString());
        c.put("file.min.age.ms", "0");
        c.put("poll.interval.ms", "100");
        c.put("batch.rows", "100");
        c.put("topic.lead.events", "events-" + suffix);
        c.put("topic.channel.spend", "spend-" + suffix);
        c.put("topic.rejected", "rejected-" + suffix);
        c.put("schema.registry.url", cluster.registryUrl());
        return c;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(TestCluster cluster, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", cluster.bootstrapServers());
        p.put("group.id", "it-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static final int EXPECTED_EVENTS = (ROWS - ROWS / 100) + (ROWS / 3 - ROWS / 300);

    @Test
    void exactlyOnceWorkerAcceptsTheConnectorAndCommitsEveryRowOnce(TestCluster cluster) throws Exception {
        Map<String, String> config = connectorConfig(cluster, "eos");
        try (DistributedWorker w = new DistributedWorker(cluster.bootstrapServers(), "connect-eos-" + UUID.randomUUID())) {
            w.startConnector("crm-files-eos", config);
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(dir.resolve("done/deals-eos.csv")));
        }
        List<ConsumerRecord<byte[], byte[]>> events = readAll(cluster, "events-eos");
        assertThat(events).hasSize(EXPECTED_EVENTS);
        assertThat(readAll(cluster, "rejected-eos")).hasSize(ROWS / 100);
    }

    @Test
    void restartMidFileLosesAndDuplicatesNothing(TestCluster cluster) throws Exception {
        Map<String, String> config = connectorConfig(cluster, "restart");
        // Read slowly (30 batches of 100 rows, 100 ms apart) so the first worker is certain to stop mid-file.
        config.put("batch.pause.ms", "100");
        Path offsets = dir.resolve("offsets.dat");
        try (StandaloneWorker w = new StandaloneWorker(cluster.bootstrapServers(), offsets)) {
            w.startConnector("crm-files", config);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> readAll(cluster, "events-restart").size() > 200);
        }
        assertThat(readAll(cluster, "events-restart").size()).isLessThan(EXPECTED_EVENTS);
        try (StandaloneWorker w = new StandaloneWorker(cluster.bootstrapServers(), offsets)) {
            w.startConnector("crm-files", config);
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> Files.exists(dir.resolve("done/deals-restart.csv")));
        }
        KafkaAvroDeserializer<LeadEvent> de = new KafkaAvroDeserializer<>(LeadEvent.class);
        de.configure(Map.of("schema.registry.url", cluster.registryUrl()), false);
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(cluster, "events-restart")) {
            LeadEvent e = de.deserialize(r.topic(), r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(e.getLeadId());
            ids.add(e.getEventId());
        }
        assertThat(ids).hasSize(EXPECTED_EVENTS).doesNotHaveDuplicates();

        List<ConsumerRecord<byte[], byte[]>> rejected = readAll(cluster, "rejected-restart");
        assertThat(rejected).hasSize(ROWS / 100);
        ConsumerRecord<byte[], byte[]> first = rejected.stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).equals("100,,")).findFirst().orElseThrow();
        assertThat(new String(first.headers().lastHeader("funnel.source.line").value(), StandardCharsets.UTF_8))
                .isEqualTo("101");
        assertThat(new String(first.headers().lastHeader("funnel.reason").value(), StandardCharsets.UTF_8))
                .isEqualTo("LeadCreated.occurredAt: column 'created' is empty");
    }
}
