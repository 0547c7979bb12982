package dev.funnelstreams.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What a topic holds, read by the tests: every record from the beginning to the end offsets of the moment. */
public final class TopicContents {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private TopicContents() {
    }

    /** Every committed record of {@code topic}, partition by partition, in offset order. */
    public static List<ConsumerRecord<byte[], byte[]>> committed(String bootstrapServers, String topic) {
        return read(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic, "read_committed");
    }

    /**
     * Every record of {@code topic} visible at {@code isolationLevel} ({@code read_uncommitted}: records of aborted
     * transactions too), partition by partition, in offset order. {@code clientProps}: bootstrap servers and any
     * security settings. Fails when the end is not reached within a minute.
     */
    public static List<ConsumerRecord<byte[], byte[]>> read(Map<String, Object> clientProps, String topic,
            String isolationLevel) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
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
            Instant deadline = Instant.now().plus(LIMIT);
            while (parts.stream().anyMatch(p -> c.position(p) < ends.get(p)) && Instant.now().isBefore(deadline)) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            List<TopicPartition> behind = parts.stream().filter(p -> c.position(p) < ends.get(p)).toList();
            if (!behind.isEmpty()) {
                throw new IllegalStateException(topic + " not read to the end within " + LIMIT + ": " + behind);
            }
        }
        return out;
    }
}
