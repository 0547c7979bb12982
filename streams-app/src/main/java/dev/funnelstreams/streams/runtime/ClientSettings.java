package dev.funnelstreams.streams.runtime;

import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.topology.ProcessingErrors;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka client properties of the app, the admin and the producer, from one {@link AppConfig}. */
public final class ClientSettings {

    /** commit.interval.ms under exactly-once unless streams.kafka sets it. */
    public static final int DEFAULT_EOS_COMMIT_INTERVAL_MS = 500;
    /** statestore.cache.max.bytes unless streams.kafka sets it (Kafka's default: 10 MB). */
    public static final long DEFAULT_CACHE_BYTES = 128L * 1024 * 1024;
    /**
     * The documented low-latency setting, for {@code streams.kafka}: a commit every 50 ms and no record cache. A
     * cell's output waits for two commits (the lead task's, then the cell task's), and each commit's own work
     * lengthens the cycle: without the cache the stores' changelog writes happen as the records are processed,
     * not all at the commit. At 1,000 events/s it measured p99 0.17-0.22 s against 0.24-0.36 s with the cache
     * (docs/benchmarks.md, sixteenth session), for more records per event and fewer events/s at full load.
     */
    public static final Map<String, String> LOW_LATENCY = Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "50",
            StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");

    private ClientSettings() {
    }

    /** Bootstrap servers plus the pass-through settings (security.protocol, sasl.*, ssl.* ...). */
    public static Map<String, Object> common(AppConfig config) {
        Map<String, Object> props = new HashMap<>(config.kafka());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return props;
    }

    public static Properties streams(AppConfig config) {
        Properties p = new Properties();
        p.putAll(common(config));
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replicationFactor());
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        if (config.staticMembership() && !config.kafka().containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)) {
            p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupInstanceId(config));
        }
        // Durable internal topics: under exactly-once a changelog must not lose acknowledged writes.
        p.put(StreamsConfig.topicPrefix("min.insync.replicas"), Math.max(1, config.replicationFactor() - 1));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        // num.stream.threads stays Kafka's 1 unless streams.kafka sets it: two threads measured 10 % more on
        // a 2-core machine that also runs the broker (docs/benchmarks.md). streams.kafka also overrides the
        // commit interval below.
        // Exactly-once commits a transaction per interval (Kafka's EOS default is 100 ms). A metric cell's
        // output waits for two commits (the lead task's, then the cell task's): 500 ms measured p99 1.5 s at
        // 1,000 events/s for 2 % less throughput than 1 s, which gave p99 2.7 s (docs/benchmarks.md).
        p.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, DEFAULT_EOS_COMMIT_INTERVAL_MS);
        // The record cache coalesces a store's puts between commits (a hot cell of the delta buffer, a
        // lead's record): with Kafka's 10 MB it filled within a commit and evicted, each eviction a
        // changelog record (docs/benchmarks.md, records per event).
        p.putIfAbsent(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, DEFAULT_CACHE_BYTES);
        return p;
    }

    /**
     * How the app meets a record it cannot process: to the DLQ with reason processing-error, never a dead
     * thread (KIP-1033), counted in {@code processingErrors}. The topology tests run with the same settings.
     */
    public static Map<String, Object> errorHandling(Topics topics) {
        return errorHandling(topics, new AtomicLong());
    }

    /** The same, counting the records set aside in {@code processingErrors}. */
    public static Map<String, Object> errorHandling(Topics topics, AtomicLong processingErrors) {
        return Map.of(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingErrors.class.getName(),
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true,
                ProcessingErrors.DLQ_TOPIC_CONFIG, topics.dlq(),
                ProcessingErrors.COUNTER_CONFIG, processingErrors);
    }

    /**
     * The static member id of this instance: application id, host name and a hash of the state directory's
     * absolute path. The same instance restarted (same host, same state) gets the same id and so rejoins its
     * group at once after a crash; two instances differ in host or state directory (Kafka Streams locks a
     * state directory), so they never share one. Kafka Streams appends each stream thread's index.
     */
    static String groupInstanceId(AppConfig config) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        String state = config.stateDir().toAbsolutePath().normalize().toString();
        return config.applicationId() + "-" + host + "-" + Integer.toHexString(state.hashCode());
    }

    /**
     * The producer of {@code funnel produce} (and the benchmarks' loads): idempotent, acks=all, one request in
     * flight per broker. With more, a partition's first batch that failed when its leader died could be retried
     * after a later batch had reached the new leader, which then answers OUT_OF_ORDER_SEQUENCE_NUMBER to every
     * retry until the delivery timeout fails the load (KAFKA-14359; seen in `ContainerClusterIT` when a broker was
     * killed mid-load). One request in flight keeps a partition's batches in order through a leader change.
     */
    public static Map<String, Object> producer(AppConfig config) {
        Map<String, Object> p = common(config);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }
}
