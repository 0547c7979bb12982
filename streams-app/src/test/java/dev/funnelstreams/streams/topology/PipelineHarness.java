package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.core.report.BatchResult;
import dev.funnelstreams.registry.KafkaAvroDeserializer;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.AppConfigLoader;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.ClientSettings;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.TopicContents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the pipeline ITs share: the app's config on the test cluster, topic names with a prefix
 * (the ITs of one run share one broker), waiting until the app has caught up, reading topics.
 */
public final class PipelineHarness {

    private PipelineHarness() {
    }

    /** The test funnel config on the cluster: 3 partitions, replication 1, HTTP on a free port. */
    static AppConfig config(TestCluster cluster, String applicationId, Path stateDir) {
        return config(cluster.bootstrapServers(), cluster.registryUrl(), applicationId, stateDir);
    }

    static AppConfig config(String bootstrapServers, String registryUrl, String applicationId, Path stateDir) {
        return config(bootstrapServers, registryUrl, applicationId, stateDir, "");
    }

    /** The same with {@code streamsYaml} as the file's {@code streams:} section (indented lines; "" for none). */
    public static AppConfig config(String bootstrapServers, String registryUrl, String applicationId, Path stateDir,
            String streamsYaml) {
        return config(bootstrapServers, registryUrl, applicationId, stateDir, streamsYaml, (short) 1);
    }

    /** The same on a cluster whose topics get {@code replicationFactor} replicas. */
    public static AppConfig config(String bootstrapServers, String registryUrl, String applicationId, Path stateDir,
            String streamsYaml, short replicationFactor) {
        try {
            String yaml = Files.readString(Path.of("src/test/resources/funnel.yaml"))
                    + (streamsYaml.isEmpty() ? "" : "\nstreams:\n" + streamsYaml);
            return AppConfigLoader.parse(yaml, new AppConfigLoader.Overrides(bootstrapServers, registryUrl,
                    applicationId, stateDir, 3, replicationFactor).withHttp(null, 0, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SPEC's topic names behind {@code prefix}. */
    public static Topics prefixed(String prefix) {
        return Topics.prefixed(prefix);
    }

    public static Path write(Path dir, String name, List<String> lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, lines);
        return p;
    }

    /**
     * Waits until the app has committed its offsets to the end of the inputs, then (after the buffer's
     * last flush) to the end of the repartition topic, whose transactional end offset is one past the
     * last record (the commit marker). Output records commit in the same transactions.
     */
    public static void awaitCaughtUp(AppConfig config, Topics topics) {
        try (Admin admin = Admin.create(ClientSettings.common(config))) {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                    .until(() -> caughtUp(admin, config, topics.inputs(), 0));
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
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

    /** The app's committed input offsets, summed over partitions: how many input records it has done. */
    public static long committedInputs(AppConfig config, Topics topics) throws Exception {
        try (Admin admin = Admin.create(ClientSettings.common(config))) {
            return admin.listConsumerGroupOffsets(config.applicationId()).partitionsToOffsetAndMetadata().get()
                    .entrySet().stream()
                    .filter(e -> topics.inputs().contains(e.getKey().topic()) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    /**
     * Every output topic behind {@code prefix}, read to the end, holds the batch report's records;
     * the weekly review on the weeks both have (which weeks it covers depends on the wall clock,
     * SPEC section 7).
     */
    public static void assertOutputsEqualBatch(AppConfig config, SerdeFactory serdes, String prefix, BatchResult batch) {
        for (OutputTopic t : List.of(OutputTopic.STAGE_FLOW, OutputTopic.CONVERSIONS, OutputTopic.LOSS_REASONS,
                OutputTopic.CHANNEL_COSTS, OutputTopic.STAGE_SNAPSHOT, OutputTopic.TARGET_PROGRESS,
                OutputTopic.LEAD_STATE, OutputTopic.PIPELINE, OutputTopic.SALES_KPIS)) {
            Map<String, String> expected = Outputs.ofBatch(batch.records().get(t));
            Map<String, String> actual = Outputs.ofStream(latest(config, serdes, prefix + t.topic()));
            assertThat(Outputs.diff(expected, actual)).as(t.topic() + ": batch vs stream").isEmpty();
        }
        Map<String, String> weeks = Outputs.ofStream(latest(config, serdes, prefix + OutputTopic.WEEKLY_REVIEW.topic()));
        Map<String, String> batchWeeks = Outputs.ofBatch(batch.records().get(OutputTopic.WEEKLY_REVIEW));
        weeks.keySet().retainAll(batchWeeks.keySet());
        batchWeeks.keySet().retainAll(weeks.keySet());
        assertThat(weeks).as("weeks in both").hasSizeGreaterThan(10);
        assertThat(Outputs.diff(batchWeeks, weeks)).as("weekly-review: batch vs stream").isEmpty();
        // the monthly, quarterly and yearly reviews: like the weeks, on the periods both cover
        Map<String, String> reviews = Outputs.ofStream(latest(config, serdes, prefix + OutputTopic.PERIOD_REVIEW.topic()));
        Map<String, String> batchReviews = Outputs.ofBatch(batch.records().get(OutputTopic.PERIOD_REVIEW));
        reviews.keySet().retainAll(batchReviews.keySet());
        batchReviews.keySet().retainAll(reviews.keySet());
        assertThat(reviews).as("periods reviewed in both").isNotEmpty();
        assertThat(Outputs.diff(batchReviews, reviews)).as("period-review: batch vs stream").isEmpty();
    }

    /** Every committed record of {@code topic}, partition by partition, in offset order. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(AppConfig config, String topic) {
        return read(config, topic, "read_committed");
    }

    /**
     * Every record of {@code topic} visible at {@code isolationLevel} ({@code read_uncommitted}: records of
     * aborted transactions too), partition by partition, in offset order; fails unless read to the end.
     */
    public static List<ConsumerRecord<byte[], byte[]>> read(AppConfig config, String topic, String isolationLevel) {
        return TopicContents.read(ClientSettings.common(config), topic, isolationLevel);
    }

    /** The latest value per key of an upsert topic, as the JSON of {@link AvroJson}, read with our deserializer. */
    public static Map<JsonNode, JsonNode> latest(AppConfig config, SerdeFactory serdes, String topic) {
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
