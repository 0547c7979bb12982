package dev.funnelstreams.testkit;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The one broker, and the registry started on demand, shared by every test of a JVM.
 * JUnit closes it with the root extension context, at the end of the run.
 */
final class SharedCluster implements TestCluster, AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private ApicurioRegistry registry;

    private SharedCluster(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    static SharedCluster start() {
        return new SharedCluster(EmbeddedKafkaBroker.start());
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public synchronized String registryUrl() {
        // Lazy: a broker-only test run should not pay ~7 s and ~220 MB for a registry it never calls.
        if (registry == null) {
            registry = ApicurioRegistry.start();
        }
        return registry.registryUrl();
    }

    @Override
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        broker.createTopic(name, partitions, configs);
    }

    @Override
    public Map<TopicPartition, Long> cleanedBelow() {
        return broker.cleanedBelow();
    }

    @Override
    public synchronized void close() {
        try {
            if (registry != null) {
                registry.close();
            }
        } finally {
            broker.close();
        }
    }
}
