package dev.funnelstreams.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@WithKafkaAndRegistry
class EmbeddedKafkaBrokerIT {

    private TestCluster cluster;

    @Test
    void readCommittedConsumerSeesCommittedTransactionAndNotAbortedOne() {
        cluster.createTopic("tx-events", 1);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "testkit-tx",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx-events", "lead-1", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx-events", "lead-1", "committed"));
            producer.commitTransaction();
        }

        assertThat(readCommitted("tx-events", 1)).containsExactly("committed");
    }

    /**
     * Like a fresh Kafka 4.x production cluster, the fixture runs transactions v2 (KIP-890), so the
     * apps' exactly-once tests exercise the protocol they meet in production (see the README on the
     * broker's OutOfOrderSequenceException log lines).
     */
    @Test
    void finalizesTransactionsVersion2LikeAFreshProductionCluster() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            FinalizedVersionRange tv = admin.describeFeatures().featureMetadata().get()
                    .finalizedFeatures().get("transaction.version");

            assertThat(tv).isNotNull();
            assertThat(tv.maxVersionLevel()).isEqualTo((short) 2);
        }
    }

    /**
     * What the app's alert topic meets: records stamped with event times weeks old (a CONVERSION_DROP's) and
     * with the wall clock (a STALL's) in one compacted partition. The broker rolls a segment once a record's
     * timestamp is more than {@code log.roll.ms} (7 days) past the segment's first one, and the log cleaner
     * then compacts the closed segment: of a drop raised and retracted there, only the tombstone is left, and
     * a consumer reading from the start meets the tombstone first. {@link TestCluster#cleanedBelow()} says how
     * far that happened.
     */
    @Test
    void theCleanerCompactsASegmentThatOldTimestampsClosedAndSaysHowFar() {
        String topic = "compacted-alerts";
        TopicPartition partition = new TopicPartition(topic, 0);
        cluster.createTopic(topic, 1, Map.of("cleanup.policy", "compact"));
        long now = System.currentTimeMillis();
        long weeksAgo = now - Duration.ofDays(60).toMillis();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, 0, weeksAgo, "drop-1", "RAISED"));
            producer.send(new ProducerRecord<>(topic, 0, weeksAgo, "drop-1", (String) null));
            producer.flush();
            producer.send(new ProducerRecord<>(topic, 0, now, "stall-1", "RAISED")); // rolls the segment
            producer.flush();
            producer.send(new ProducerRecord<>(topic, 0, weeksAgo, "drop-1", "RAISED again"));
        }

        // the cleaner looks for work every 15 s (log.cleaner.backoff.ms)
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> cluster.cleanedBelow().getOrDefault(partition, 0L) > 0);

        assertThat(cluster.cleanedBelow()).containsEntry(partition, 2L);
        assertThat(read(topic, 3, r -> r.offset() + " " + r.key() + "=" + r.value())).containsExactly("1 drop-1=null", "2 stall-1=RAISED", "3 drop-1=RAISED again");
    }

    @Test
    void sharesOneBrokerWithEveryInjectionPoint(TestCluster parameter) {
        assertThat(parameter).isSameAs(cluster);
        assertThat(cluster.bootstrapServers()).startsWith("127.0.0.1:");
    }

    /** The values read with read_committed from the start. */
    private List<String> readCommitted(String topic, int expected) {
        return read(topic, expected, ConsumerRecord::value);
    }

    /**
     * {@code expected} records read with read_committed from the start, each as {@code as} gives it, plus any
     * that one more poll brings (an aborted record wrongly delivered would show up after the committed ones).
     */
    private List<String> read(String topic, int expected, Function<ConsumerRecord<String, String>, String> as) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "testkit-reader-" + topic,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(as.apply(record));
                }
            }
            consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(as.apply(record)));
        }
        return values;
    }
}
