package dev.funnelstreams.registry;

import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link KafkaAvroSerializer} and {@link KafkaAvroDeserializer} as one {@link Serde} for Kafka
 * Streams. Both halves share one registry client, so each schema is fetched once per serde.
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final SchemaRegistryClient client;
    private final KafkaAvroSerializer<T> serializer;
    private final KafkaAvroDeserializer<T> deserializer;

    /** Configured through {@link #configure(Map, boolean)}; usable as default.value.serde. */
    public SpecificAvroSerde() {
        this.client = null;
        this.serializer = new KafkaAvroSerializer<>();
        this.deserializer = new KafkaAvroDeserializer<>();
    }

    /** Reads into {@code type}; the registry comes from {@link #configure(Map, boolean)}. */
    public SpecificAvroSerde(Class<T> type) {
        this.client = null;
        this.serializer = new KafkaAvroSerializer<>();
        this.deserializer = new KafkaAvroDeserializer<>(type);
    }

    /**
     * Uses {@code client}; the reader class comes from configuration or from the writer schema's
     * name. Works for values without {@code configure}.
     */
    public SpecificAvroSerde(SchemaRegistryClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.serializer = new KafkaAvroSerializer<>(client);
        this.deserializer = new KafkaAvroDeserializer<>(client);
    }

    /**
     * Reads into {@code type} using {@code client}. Works for values without {@code configure};
     * call {@code configure(Map.of(), true)} to use it for keys.
     */
    public SpecificAvroSerde(SchemaRegistryClient client, Class<T> type) {
        this.client = Objects.requireNonNull(client, "client");
        this.serializer = new KafkaAvroSerializer<>(client);
        this.deserializer = new KafkaAvroDeserializer<>(client, type);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        RegistrySerdeConfig config = new RegistrySerdeConfig(configs);
        SchemaRegistryClient shared = client != null ? client : new HttpSchemaRegistryClient(config);
        serializer.configure(config, isKey, shared);
        deserializer.configure(config, isKey, shared);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
