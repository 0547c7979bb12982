package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.core.report.BatchReport;
import dev.funnelstreams.core.report.BatchResult;
import dev.funnelstreams.registry.KafkaAvroDeserializer;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.AppConfigLoader;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.ClientSettings;
import dev.funnelstreams.streams.runtime.EventProducer;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app on the real in-JVM broker and Apicurio registry, exactly-once: generated events
 * produced with the {@code funnel produce} code, the app run, every output read to the end and
 * compared with the batch report; then the app is stopped, restarted on the same state and
 * topics, more events produced, and the outputs compared again: nothing counted twice.
 */
@WithKafkaAndRegistry
class FunnelPipelineIT {

    private TestCluster cluster;

    @TempDir
    Path tmp;

    @Test
    void pipelineEqualsBatchReportAcrossARestartAndRejectsBadRecordsToTheDlq() throws Exception {
        List<String> lines = FunnelTopologyDifferentialTest.generated(7, 300, 120);
        int cut = lines.size() * 3 / 5;
        Path first = write("first.jsonl", lines.subList(0, cut));
        Path second = write("second.jsonl", lines.subList(cut, lines.size()));
        BatchResult batch = BatchReport.run(FunnelTopologyDifferentialTest.CONFIG, lines.iterator(), Optional.empty());

        String yaml = Files.readString(Path.of("src/test/resources/funnel.yaml"));
        AppConfig config = AppConfigLoader.parse(yaml, new AppConfigLoader.Overrides(cluster.bootstrapServers(),
                cluster.registryUrl(), "funnel-it", tmp.resolve("state"), 3, (short) 1).withHttp(null, 0, null));
        Topics topics = Topics.defaults();
        SerdeFactory serdes = SerdeFactory.of(config.registry());
        Clock clock = Clock.fixed(batch.asOf().plus(Duration.ofDays(1)), ZoneOffset.UTC);

        assertThat(TopicAdmin.createMissing(config, topics)).hasSize(12);
        long t0 = System.nanoTime();
        EventProducer.Summary produced = new EventProducer(config, topics, serdes, clock).produce(first);
        System.out.printf("produce: %d lines in %.1f s%n", produced.lines(), (System.nanoTime() - t0) / 1e9);
        assertThat(produced.rejected()).isEmpty();
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(ClientSettings.producer(config),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topics.leadEvents(), "L-bad".getBytes(StandardCharsets.UTF_8), garbage)).get();
        }

        try (FunnelStreamsApp app = FunnelStreamsApp.start(config, topics)) {
            long start = System.nanoTime();
            awaitCaughtUp(config, topics);
            System.out.printf("first run: %d events processed in %.1f s%n", cut, (System.nanoTime() - start) / 1e9);
            assertThat(rejected(app, "undecodable")).isEqualTo(1.0);
        }
        List<ConsumerRecord<byte[], byte[]>> dlq = readAll(config, topics.dlq());
        assertThat(dlq).hasSize(1);
        assertThat(new String(dlq.get(0).headers().lastHeader(DeadLetter.REASON_CODE).value(), StandardCharsets.UTF_8))
                .isEqualTo("undecodable");
        assertThat(dlq.get(0).value()).isEqualTo(garbage);

        new EventProducer(config, topics, serdes, clock).produce(second);
        try (FunnelStreamsApp app = FunnelStreamsApp.start(config, topics)) {
            awaitCaughtUp(config, topics);
        }

        for (OutputTopic t : List.of(OutputTopic.STAGE_FLOW, OutputTopic.CONVERSIONS, OutputTopic.LOSS_REASONS,
                OutputTopic.CHANNEL_COSTS, OutputTopic.STAGE_SNAPSHOT, OutputTopic.TARGET_PROGRESS,
                OutputTopic.LEAD_STATE)) {
            Map<String, String> expected = Outputs.ofBatch(batch.records().get(t));
            Map<String, String> actual = Outputs.ofStream(latest(config, serdes, t.topic()));
            assertThat(Outputs.diff(expected, actual)).as(t.topic() + ": batch vs stream").isEmpty();
        }
        Map<String, String> weeks = Outputs.ofStream(latest(config, serdes, topics.weeklyReview()));
        assertThat(Outputs.ofBatch(batch.records().get(OutputTopic.WEEKLY_REVIEW))).containsAllEntriesOf(weeks);
    }

    private Path write(String name, List<String> lines) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, lines);
        return p;
    }

    /**
     * Waits until the app has committed its offsets to the end of the inputs, then (after the buffer's
     * last flush) to the end of the repartition topic, whose transactional end offset is one past the
     * last record (the commit marker). Output records commit in the same transactions.
     */
    private static void awaitCaughtUp(AppConfig config, Topics topics) {
        try (Admin admin = Admin.create(ClientSettings.common(config))) {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> caughtUp(admin, config, List.of(topics.leadEvents(), topics.channelSpend()), 0));
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> caughtUp(admin, config, List.of(config.applicationId() + "-cell-deltas-repartition"), 1));
        }
    }

    private static boolean caughtUp(Admin admin, AppConfig config, List<String> topics, int slack) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.applicationId())
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
                .forEach(p -> ask.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(ask).all().get();
        return ends.entrySet().stream().allMatch(e -> {
            long end = e.getValue().offset();
            OffsetAndMetadata c = committed.get(e.getKey());
            return end == 0 || (c != null && c.offset() >= end - slack);
        });
    }

    private static double rejected(FunnelStreamsApp app, String code) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : app.streams().metrics().entrySet()) {
            if (e.getKey().name().equals("rejected-" + code + "-total")) {
                total += ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        return total;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(AppConfig config, String topic) {
        Map<String, Object> props = ClientSettings.common(config);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            Instant deadline = Instant.now().plusSeconds(60);
            while (parts.stream().anyMatch(p -> c.position(p) < ends.get(p)) && Instant.now().isBefore(deadline)) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }

    private static Map<JsonNode, JsonNode> latest(AppConfig config, SerdeFactory serdes, String topic) {
        KafkaAvroDeserializer<SpecificRecord> de = new KafkaAvroDeserializer<>(serdes.client());
        Map<JsonNode, JsonNode> map = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(config, topic)) {
            JsonNode key = AvroJson.of(de.deserialize(topic, r.key()));
            if (r.value() == null) {
                map.remove(key);
            } else {
                map.put(key, AvroJson.of(de.deserialize(topic, r.value())));
            }
        }
        return map;
    }
}
