package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.ClientSettings;
import dev.funnelstreams.streams.runtime.Preflight;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topics created by {@code funnel topics create} (and the app at start) take an idempotent
 * producer's batches the moment the call returns. Before TopicAdmin waited for the partition
 * leaders, a producer that started at once could get NOT_LEADER_OR_FOLLOWER for its first batch to
 * a partition, have its second batch appended first, and then retry the first one out of order until
 * delivery.timeout.ms (CI saw a two-minute hang and a failed produce). Several rounds of fresh
 * topics, many small batches in flight to every partition, a short delivery timeout: a produce that
 * hits the race fails here within seconds instead of passing by luck.
 */
@WithKafkaAndRegistry
class TopicAdminIT {

    private TestCluster cluster;

    @TempDir
    Path tmp;

    @Test
    void everyPartitionTakesAnIdempotentProducersFirstBatchesAsSoonAsCreateReturns() throws Exception {
        AppConfig config = PipelineHarness.config(cluster.bootstrapServers(), "http://127.0.0.1:9/unused",
                "topic-admin-it", tmp);
        Map<String, Object> producerProps = ClientSettings.producer(config);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        for (int round = 0; round < 5; round++) {
            Topics topics = PipelineHarness.prefixed("ta" + round + ".");
            List<String> created = TopicAdmin.createMissing(config, topics);
            assertThat(created).containsExactlyInAnyOrderElementsOf(topics.all());
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps,
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < 50; i++) {
                    for (String topic : created) {
                        for (int p = 0; p < config.partitions(); p++) {
                            sends.add(producer.send(new ProducerRecord<>(topic, p, new byte[] {(byte) p}, new byte[] {(byte) i})));
                        }
                    }
                }
                producer.flush();
            }
            long acknowledged = 0;
            for (Future<RecordMetadata> f : sends) {
                f.get(1, TimeUnit.SECONDS);
                acknowledged++;
            }
            assertThat(acknowledged).as("round %d", round).isEqualTo(50L * created.size() * config.partitions());
        }
    }

    /** {@code funnel produce}'s check: a missing input topic is one line naming the fix, and is not auto-created. */
    @Test
    void preflightNamesAMissingTopicAndPassesOnceTheTopicsExist() throws Exception {
        AppConfig config = PipelineHarness.config(cluster.bootstrapServers(), "http://127.0.0.1:9/unused",
                "topic-admin-it", tmp);
        Topics topics = PipelineHarness.prefixed("preflight.");

        assertThatThrownBy(() -> Preflight.topics(config, topics.inputs()))
                .isInstanceOf(Preflight.Unreachable.class)
                .hasMessage("no topic " + topics.leadEvents() + ", " + topics.channelSpend() + " on "
                        + cluster.bootstrapServers() + "; create the topics first (funnel topics create --config ...)");
        try (Admin admin = Admin.create(ClientSettings.common(config))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(topics.leadEvents());
        }

        assertThat(TopicAdmin.createMissing(config, topics)).contains(topics.leadEvents(), topics.channelSpend());
        Preflight.topics(config, topics.inputs());
    }
}
