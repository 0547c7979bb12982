package dev.funnelstreams.testkit;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What a test sees of the shared fixtures: where the broker and the schema registry listen.
 * Injected by {@link KafkaAndRegistryExtension}; the registry starts on the first {@link #registryUrl()} call.
 */
public interface TestCluster {

    /** {@code host:port} of the embedded broker, for {@code bootstrap.servers}. */
    String bootstrapServers();

    /** Base URL of the registry's Confluent-compatible API, e.g. {@code http://127.0.0.1:N/apis/ccompat/v7}. */
    String registryUrl();

    /** Creates a topic with replication factor 1; the broker never auto-creates topics. */
    void createTopic(String name, int partitions, Map<String, String> configs);

    default void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * How far the broker's log cleaner has compacted each compacted partition: its first offset not yet
     * cleaned (below it, a key's earlier records may be gone); a partition never cleaned is absent.
     */
    Map<TopicPartition, Long> cleanedBelow();
}
