package dev.funnelstreams.streams;

import dev.funnelstreams.registry.HttpSchemaRegistryClient;
import dev.funnelstreams.registry.SchemaRegistryClient;
import dev.funnelstreams.registry.SpecificAvroSerde;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Makes the project's Avro serdes (Confluent wire format, subjects {@code <topic>-key} /
 * {@code <topic>-value}) that the topology, the producer and the tests share. All serdes of one
 * factory share one registry client, so each schema is registered and fetched once.
 */
public final class SerdeFactory {

    private final SchemaRegistryClient client;
    private final Map<String, ?> configs;

    /** @param configs registry-serde settings (auth, auto.register.schemas ...); the client wins over any URL */
    public SerdeFactory(SchemaRegistryClient client, Map<String, ?> configs) {
        this.client = client;
        this.configs = Map.copyOf(configs);
    }

    /** A factory talking to the registry named by {@code schema.registry.url} in {@code configs}. */
    public static SerdeFactory of(Map<String, ?> configs) {
        return new SerdeFactory(HttpSchemaRegistryClient.fromConfigs(configs), configs);
    }

    public SchemaRegistryClient client() {
        return client;
    }

    public <T extends SpecificRecord> Serde<T> key(Class<T> type) {
        return serde(type, true);
    }

    public <T extends SpecificRecord> Serde<T> value(Class<T> type) {
        return serde(type, false);
    }

    private <T extends SpecificRecord> Serde<T> serde(Class<T> type, boolean isKey) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(client, type);
        serde.configure(configs, isKey);
        return serde;
    }
}
