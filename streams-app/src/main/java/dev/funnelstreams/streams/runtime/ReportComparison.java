package dev.funnelstreams.streams.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.registry.KafkaAvroDeserializer;
import dev.funnelstreams.registry.SchemaRegistryClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The running app's output topics against a batch report of the same events (SPEC section 7: the streaming
 * outputs equal the batch files): the latest committed record per key of each upsert output topic, as the
 * JSON of the report's files, compared with the report's records, both without the fields that depend on the
 * wall clock ({@link Outputs#WALL_CLOCK_FIELDS}: the report's "now" is its as-of, the app's is the clock).
 * The reviews are compared on the periods both hold (the app's range runs to the clock's period, the
 * report's to its as-of). Alerts are not compared: whether a deadline has passed is the clock's question.
 * {@code funnel compare} and the integration tests' harness use it.
 */
public final class ReportComparison {

    /** The topics compared on the keys (periods) both sides hold. */
    public static final List<OutputTopic> ON_SHARED_PERIODS = List.of(OutputTopic.WEEKLY_REVIEW,
            OutputTopic.PERIOD_REVIEW);
    /** The topics compared key by key, whole: every other one but the alerts. */
    public static final List<OutputTopic> WHOLE = Arrays.stream(OutputTopic.values())
            .filter(t -> t != OutputTopic.ALERTS && !ON_SHARED_PERIODS.contains(t)).toList();
    private static final Duration READ_LIMIT = Duration.ofMinutes(2);

    private ReportComparison() {
    }

    /** Every compared topic: {@link #WHOLE}, then {@link #ON_SHARED_PERIODS}. */
    public static List<OutputTopic> compared() {
        return Stream.concat(WHOLE.stream(), ON_SHARED_PERIODS.stream()).toList();
    }

    /**
     * One topic's comparison.
     *
     * @param reportRecords records in the report
     * @param topicRecords keys on the topic (latest value each, tombstones removed)
     * @param compared records compared (for the reviews: the keys both hold)
     * @param diff the differences, a few lines of each kind; empty when equal
     */
    public record Result(OutputTopic topic, int reportRecords, int topicRecords, int compared, String diff) {

        public boolean equal() {
            return diff.isEmpty();
        }

        /** One line for people: the topic, equal or not, and the counts. */
        public String summary() {
            String counts = ON_SHARED_PERIODS.contains(topic)
                    ? compared + " records on the periods both hold (report " + reportRecords + ", topic "
                            + topicRecords + ")"
                    : compared + " records";
            return topic.topic() + ": " + (equal() ? "equal, " : "DIFFERS, ") + counts;
        }
    }

    /** Compares one topic's records: {@code report} and {@code fromTopic} as {@link Outputs} makes them. */
    public static Result compare(OutputTopic topic, Map<String, String> report, Map<String, String> fromTopic) {
        Map<String, String> expected = new TreeMap<>(report);
        Map<String, String> actual = new TreeMap<>(fromTopic);
        if (ON_SHARED_PERIODS.contains(topic)) {
            expected.keySet().retainAll(fromTopic.keySet());
            actual.keySet().retainAll(report.keySet());
        } else if (!WHOLE.contains(topic)) {
            throw new IllegalArgumentException(topic + " is not compared (see ReportComparison)");
        }
        return new Result(topic, report.size(), fromTopic.size(), Math.max(expected.size(), actual.size()),
                Outputs.diff(expected, actual));
    }

    /** {@link #latestJson} as {@link Outputs#ofStream} makes it comparable. */
    public static Map<String, String> latest(Map<String, Object> clientProps, SchemaRegistryClient registry,
            String topic) {
        return Outputs.ofStream(latestJson(clientProps, registry, topic));
    }

    /**
     * The latest committed value per key of {@code topic} (a tombstone removes its key) as {@link AvroJson}, read
     * from the beginning to the end it has now with {@code clientProps} (bootstrap servers and any security
     * settings). No consumer group: nothing is committed.
     */
    public static Map<JsonNode, JsonNode> latestJson(Map<String, Object> clientProps, SchemaRegistryClient registry,
            String topic) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        KafkaAvroDeserializer<SpecificRecord> values = new KafkaAvroDeserializer<>(registry);
        Map<JsonNode, JsonNode> latest = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (parts.isEmpty()) {
                throw new IllegalStateException("no topic " + topic);
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            Instant deadline = Instant.now().plus(READ_LIMIT);
            while (parts.stream().anyMatch(p -> c.position(p) < ends.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(topic + " not read to its end within " + READ_LIMIT);
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    JsonNode key = AvroJson.of(values.deserialize(topic, r.key()));
                    if (r.value() == null) {
                        latest.remove(key);
                    } else {
                        latest.put(key, AvroJson.of(values.deserialize(topic, r.value())));
                    }
                }
            }
        }
        return latest;
    }
}
