package dev.funnelstreams.streams.http;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The state stores of this instance, one partition at a time. Stale stores are allowed (a
 * standby, or an active task still restoring), so that reads go on during a rebalance; the caller
 * learns from {@link #isCurrent} whether the copy it read is the running active one.
 */
final class LocalStores {

    private final KafkaStreams streams;

    LocalStores(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * Partition {@code partition} of {@code store}, possibly stale.
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException when this instance holds no copy of it
     */
    <K, V> ReadOnlyKeyValueStore<K, V> store(String store, int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<K, V>keyValueStore())
                .withPartition(partition)
                .enableStaleStores());
    }

    /**
     * True when the instance is RUNNING and the task reading partition {@code partition} of
     * {@code sourceTopic} is one of its active tasks: what it reads is current, not stale.
     */
    boolean isCurrent(String sourceTopic, int partition) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        TopicPartition tp = new TopicPartition(sourceTopic, partition);
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                if (task.topicPartitions().contains(tp)) {
                    return true;
                }
            }
        }
        return false;
    }
}
