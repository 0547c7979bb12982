package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.core.report.BatchResult;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.AppConfigLoader;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.AvroJson;
import dev.funnelstreams.streams.runtime.ClientSettings;
import dev.funnelstreams.streams.runtime.Outputs;
import dev.funnelstreams.streams.runtime.ReportComparison;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.TopicContents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * What the pipeline ITs share: the app's config on the test cluster, topic names with a prefix
 * (the ITs of one run share one broker), waiting until the app has caught up, reading topics.
 */
public final class PipelineHarness {

    private PipelineHarness() {
    }

    /** The app's num.stream.threads under {@code config} (streams.kafka may set it; Kafka's default is 1). */
    public static int streamThreads(AppConfig config) {
        Object threads = ClientSettings.streams(config).get(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
        return threads == null ? 1 : Integer.parseInt(threads.toString());
    }

    /**
     * The numbers of the app's live stream threads (the N of {@code -StreamThread-N}): 1 to
     * {@link #streamThreads} while none has been replaced, a replacement takes the next free number.
     */
    public static Set<Integer> threadNumbers(KafkaStreams streams) {
        Set<Integer> out = new TreeSet<>();
        for (ThreadMetadata t : streams.metadataForLocalThreads()) {
            assertThat(t.threadName()).matches(".*-StreamThread-\\d+");
            out.add(trailingNumber(t.threadName()));
        }
        return out;
    }

    /**
     * The number after the last '-' of a stream thread's name or of its static member's group.instance.id
     * (Kafka Streams appends the thread's number to both), -1 for none.
     */
    public static int trailingNumber(String name) {
        try {
            return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Asserts that the app's live stream threads are 1 to {@link #streamThreads}: none has been replaced. */
    public static void assertNoThreadReplaced(KafkaStreams streams, AppConfig config) {
        Set<Integer> first = new TreeSet<>();
        for (int i = 1; i <= streamThreads(config); i++) {
            first.add(i);
        }
        assertThat(threadNumbers(streams)).as("stream threads, none replaced").isEqualTo(first);
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

    /** {@link ClientSettings#LOW_LATENCY} as the entries of a YAML flow mapping under {@code streams.kafka}. */
    static String lowLatencyKafka() {
        return ClientSettings.LOW_LATENCY.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
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
        for (OutputTopic t : ReportComparison.compared()) {
            ReportComparison.Result r = ReportComparison.compare(t, Outputs.ofBatch(batch.records().get(t)),
                    ReportComparison.latest(ClientSettings.common(config), serdes.client(), prefix + t.topic()));
            assertThat(r.diff()).as(t.topic() + ": batch vs stream").isEmpty();
            // the reviews compare on the periods both hold: there must be some
            if (t == OutputTopic.WEEKLY_REVIEW) {
                assertThat(r.compared()).as("weeks in both").isGreaterThan(10);
            } else if (t == OutputTopic.PERIOD_REVIEW) {
                assertThat(r.compared()).as("periods reviewed in both").isPositive();
            }
        }
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
        return ReportComparison.latestJson(ClientSettings.common(config), serdes.client(), topic);
    }
}
