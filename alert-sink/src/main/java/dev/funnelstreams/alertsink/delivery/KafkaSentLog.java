package dev.funnelstreams.alertsink.delivery;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * The sent log on a compacted Kafka topic: each delivery is produced (acks=all, idempotent) and
 * acknowledged right after the destination accepted it; at start the task reads the whole topic.
 * Created when missing (one partition, compacted).
 */
public final class KafkaSentLog implements SentLog {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);

    private final String topic;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions;
    private final Set<String> keys = new HashSet<>();

    /** {@code clientProps}: bootstrap.servers plus any client settings (security) for the producer, consumer and admin. */
    public KafkaSentLog(String topic, Map<String, Object> clientProps, int replicationFactor) {
        this.topic = topic;
        ensureTopic(clientProps, replicationFactor);
        Map<String, Object> p = new HashMap<>(clientProps);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", "0");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        Map<String, Object> c = new HashMap<>(clientProps);
        c.put("enable.auto.commit", "false");
        c.put("auto.offset.reset", "earliest");
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        this.partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        catchUp();
    }

    @Override
    public boolean contains(String key) {
        return keys.contains(key);
    }

    @Override
    public void record(String key, String outcome) {
        keys.add(key);
        try {
            producer.send(new ProducerRecord<>(topic, key, outcome)).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while recording " + key + " in " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            // Delivered but not recorded: failing the task keeps the window to this one alert.
            throw new ConnectException("cannot record " + key + " in the sent log " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void catchUp() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(60));
        long deadline = System.currentTimeMillis() + 120_000;
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            if (System.currentTimeMillis() > deadline) {
                throw new RetriableException("sent log " + topic + " not read to its end within 120 s");
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.value() != null) {
                    keys.add(r.key());
                }
            }
        }
    }

    int size() {
        return keys.size();
    }

    private void ensureTopic(Map<String, Object> clientProps, int replicationFactor) {
        try (Admin admin = Admin.create(clientProps)) {
            if (admin.listTopics().names().get(60, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            Optional<Short> rf = replicationFactor < 0 ? Optional.empty() : Optional.of((short) replicationFactor);
            NewTopic t = new NewTopic(topic, Optional.of(1), rf)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(t)).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ConnectException("cannot create the sent log topic " + topic + ": " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while creating " + topic, e);
        } catch (TimeoutException e) {
            throw new RetriableException("broker did not answer while checking the sent log topic " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        consumer.close();
    }
}
