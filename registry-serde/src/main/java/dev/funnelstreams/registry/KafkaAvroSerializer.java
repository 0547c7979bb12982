package dev.funnelstreams.registry;

import dev.funnelstreams.registry.internals.EncodingBuffer;
import dev.funnelstreams.registry.internals.SpecificRecordWriter;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro specific records in Confluent wire format under the subject
 * {@code <topic>-key}/{@code <topic>-value}. Thread-safe; registry answers and Avro writers are
 * cached (the last topic's in a field), so the warm path makes no registry call and allocates
 * only the returned array (and, on the compiled path, a decimal's unscaled {@code BigInteger}).
 * Records are encoded by a
 * {@link SpecificRecordWriter} compiled per schema, or by Avro's {@code SpecificDatumWriter} for
 * schemas with an enum, array, map or fixed; both write the same bytes.
 *
 * <p>Registry failures surface as: {@link SerializationException} wrapping
 * {@link IncompatibleSchemaException} or {@link SchemaNotFoundException} (the schema must be
 * fixed or registered), and, unwrapped, {@link RegistryAuthorizationException} and
 * {@link RegistryUnavailableException}.
 */
public class KafkaAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    /** What a topic's records were last written with; compared by schema identity on the hot path. */
    private record WriterState(String topic, Schema schema, int id, Encoding encoding) {
    }

    /** How records of one schema are encoded: compiled when possible, else by Avro. */
    private record Encoding(SpecificRecordWriter compiled, DatumWriter<Object> avro) {

        static Encoding of(Schema schema) {
            SpecificData model = SpecificData.getForSchema(schema); // the model SpecificDatumWriter uses
            SpecificRecordWriter compiled = SpecificRecordWriter.compile(schema, model);
            return new Encoding(compiled, compiled == null ? new SpecificDatumWriter<>(schema, model) : null);
        }

        void write(Object record, EncodingBuffer buffer) throws IOException {
            if (compiled != null) {
                compiled.write(record, buffer);
            } else {
                avro.write(record, buffer.encoder());
            }
        }
    }

    private final ConcurrentHashMap<String, WriterState> byTopic = new ConcurrentHashMap<>();
    /** The state used last: most serializers write one topic, so this saves the map look-up. */
    private volatile WriterState last;
    private final ConcurrentHashMap<Schema, Encoding> encodings = new ConcurrentHashMap<>();
    private SchemaRegistryClient client;
    private boolean isKey;
    private boolean autoRegister = true;

    /** For configuration through {@link #configure(Map, boolean)} (schema.registry.url and friends). */
    public KafkaAvroSerializer() {
    }

    /**
     * Uses {@code client}, e.g. one shared by several serdes or an in-memory one in tests. Without a
     * later {@code configure} call it serializes values with auto.register.schemas=true.
     */
    public KafkaAvroSerializer(SchemaRegistryClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        configure(new RegistrySerdeConfig(configs), isKey, null);
    }

    /** Applies {@code config}; {@code sharedClient} is used when no client was passed in the constructor. */
    void configure(RegistrySerdeConfig config, boolean isKey, SchemaRegistryClient sharedClient) {
        this.isKey = isKey;
        this.autoRegister = config.autoRegisterSchemas();
        if (client == null) {
            client = sharedClient != null ? sharedClient : new HttpSchemaRegistryClient(config);
        }
        byTopic.clear();
        last = null;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        WriterState state = last;
        if (state == null || state.schema() != schema || !state.topic().equals(topic)) {
            state = byTopic.get(topic);
            if (state == null || state.schema() != schema) {
                state = resolve(topic, schema);
            }
            last = state;
        }
        EncodingBuffer buffer = EncodingBuffer.forSchemaId(state.id());
        try {
            state.encoding().write(record, buffer);
        } catch (IOException | RuntimeException e) {
            // Avro reports a null in a non-null field, a wrong type or a bad enum as runtime exceptions.
            throw new SerializationException("cannot serialize " + schema.getFullName() + " for topic " + topic
                    + " with schema id " + state.id() + ": " + e.getMessage(), e);
        }
        return buffer.toByteArray();
    }

    private WriterState resolve(String topic, Schema schema) {
        if (client == null) {
            throw new IllegalStateException("KafkaAvroSerializer is not configured: call configure() with "
                    + RegistrySerdeConfig.SCHEMA_REGISTRY_URL + " or pass a SchemaRegistryClient");
        }
        String subject = TopicNameStrategy.subject(topic, isKey);
        int id;
        try {
            id = autoRegister ? client.register(subject, schema) : client.lookup(subject, schema);
        } catch (SchemaNotFoundException e) {
            throw new SerializationException("schema " + schema.getFullName() + " is not registered under subject '"
                    + subject + "' and " + RegistrySerdeConfig.AUTO_REGISTER_SCHEMAS + "=false: register it first ("
                    + e.getMessage() + ")", e);
        } catch (IncompatibleSchemaException e) {
            throw new SerializationException("cannot register schema " + schema.getFullName() + " under subject '"
                    + subject + "': " + e.getMessage(), e);
        }
        WriterState state = new WriterState(topic, schema, id, encodings.computeIfAbsent(schema, Encoding::of));
        byTopic.put(topic, state);
        return state;
    }
}
