package dev.funnelstreams.registry;

import dev.funnelstreams.registry.internals.BoundedCache;
import dev.funnelstreams.registry.internals.DecimalScales;
import dev.funnelstreams.registry.internals.SpecificRecordReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format Avro into specific records. The writer schema is fetched by id and
 * resolved against the reader schema of {@code T} (defaults of added fields fill in, removed
 * fields are skipped). Null or empty input is a tombstone and yields null. Thread-safe.
 *
 * <p>When the writer schema equals the reader schema (the usual case: producer and consumer built
 * from the same generated classes) there is nothing to resolve, and a {@link SpecificRecordReader}
 * compiled for that schema reads the record; otherwise, and for schemas with an enum, array, map or
 * fixed, Avro's {@code SpecificDatumReader} resolves the two schemas.
 *
 * <p>Bad data (wrong magic byte, too short, undecodable, unknown schema id, an id naming a JSON, Protobuf or
 * referencing schema) raises
 * {@link SerializationException}; {@link RegistryUnavailableException} and
 * {@link RegistryAuthorizationException} pass through unwrapped, so an error handler can tell a
 * bad record from a registry outage.
 */
public class KafkaAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private static final int READER_CACHE_CAPACITY = 1_000;
    private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

    /** Decodes the Avro body of one writer schema id into the reader schema's record. */
    private interface BodyReader {
        Object read(byte[] data, int offset, int length) throws IOException;
    }

    /** The reader used for the last schema id seen; most topics carry one id for a long time. */
    private record ReaderState(int id, BodyReader reader) {
    }

    private final BoundedCache<Integer, BodyReader> readers = new BoundedCache<>(READER_CACHE_CAPACITY);
    private volatile ReaderState last;
    private SchemaRegistryClient client;
    private Schema readerSchema;
    private final boolean readerFixed;

    /**
     * For configuration through {@link #configure(Map, boolean)}; the reader class comes from
     * specific.avro.key.type / specific.avro.value.type or else from the writer schema's name.
     */
    public KafkaAvroDeserializer() {
        this.readerFixed = false;
    }

    /** Reads into {@code type}; the registry comes from {@link #configure(Map, boolean)}. */
    public KafkaAvroDeserializer(Class<T> type) {
        this.readerSchema = readerSchemaOf(Objects.requireNonNull(type, "type"));
        this.readerFixed = true;
    }

    /**
     * Uses {@code client}; the reader class comes from configuration or from the writer schema's
     * name. Usable without {@code configure}.
     */
    public KafkaAvroDeserializer(SchemaRegistryClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.readerFixed = false;
    }

    /** Reads into {@code type} using {@code client}; usable without {@code configure}. */
    public KafkaAvroDeserializer(SchemaRegistryClient client, Class<T> type) {
        this(type);
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        configure(new RegistrySerdeConfig(configs), isKey, null);
    }

    /** Applies {@code config}; {@code sharedClient} is used when no client was passed in the constructor. */
    void configure(RegistrySerdeConfig config, boolean isKey, SchemaRegistryClient sharedClient) {
        if (!readerFixed) {
            Class<?> type = config.specificType(isKey);
            if (type != null && !SpecificRecord.class.isAssignableFrom(type)) {
                String key = isKey ? RegistrySerdeConfig.SPECIFIC_AVRO_KEY_TYPE : RegistrySerdeConfig.SPECIFIC_AVRO_VALUE_TYPE;
                throw new ConfigException(key, type.getName(), "must be a generated Avro SpecificRecord class");
            }
            readerSchema = type == null ? null : readerSchemaOf(type);
        }
        if (client == null) {
            client = sharedClient != null ? sharedClient : new HttpSchemaRegistryClient(config);
        }
        readers.clear();
        last = null;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        return read(topic, data, 0, data.length);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, data);
    }

    /** Decodes straight from the consumer's buffer when it is array-backed; never moves its position. */
    @Override
    public T deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null || !data.hasRemaining()) {
            return null;
        }
        if (data.hasArray()) {
            return read(topic, data.array(), data.arrayOffset() + data.position(), data.remaining());
        }
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return read(topic, copy, 0, copy.length);
    }

    @SuppressWarnings("unchecked")
    private T read(String topic, byte[] data, int offset, int length) {
        int id = WireFormat.schemaId(data, offset, length);
        BodyReader reader = readerFor(id, topic);
        try {
            return (T) reader.read(data, offset + WireFormat.HEADER_LENGTH, length - WireFormat.HEADER_LENGTH);
        } catch (IOException | RuntimeException e) {
            // Truncated or corrupt bodies surface as EOFException, AvroRuntimeException or
            // index errors, depending on where the bytes go wrong.
            throw new SerializationException("cannot decode Avro record from topic " + topic + " written with schema id "
                    + id + (readerSchema == null ? "" : " as " + readerSchema.getFullName()) + ": " + e, e);
        }
    }

    private BodyReader readerFor(int id, String topic) {
        ReaderState state = last;
        if (state != null && state.id() == id) {
            return state.reader();
        }
        BodyReader reader = readers.get(id);
        if (reader == null) {
            reader = newReader(id, topic);
            readers.put(id, reader);
        }
        last = new ReaderState(id, reader);
        return reader;
    }

    private BodyReader newReader(int id, String topic) {
        if (client == null) {
            throw new IllegalStateException("KafkaAvroDeserializer is not configured: call configure() with "
                    + RegistrySerdeConfig.SCHEMA_REGISTRY_URL + " or pass a SchemaRegistryClient");
        }
        Schema writer;
        try {
            writer = client.getById(id);
        } catch (SchemaNotFoundException e) {
            throw new SerializationException("unknown schema id " + id + " in record from topic " + topic + ": "
                    + e.getMessage(), e);
        } catch (UnusableSchemaException e) {
            throw new SerializationException("schema id " + id + " in record from topic " + topic + " cannot be"
                    + " read: " + e.getMessage(), e);
        }
        Schema reader = readerSchema != null ? readerSchema : readerSchemaForWriter(writer, id, topic);
        SpecificData model = SpecificData.getForSchema(reader); // the model SpecificDatumReader uses
        if (writer.equals(reader)) {
            SpecificRecordReader compiled = SpecificRecordReader.compile(reader, model);
            if (compiled != null) {
                return compiled::read;
            }
        }
        String scales = DecimalScales.mismatch(writer, reader);
        if (scales != null) {
            // Avro would read these decimals at the reader's scale: every number off by a power of ten, or garbage
            String reason = "schema id " + id + " in record from topic " + topic + " cannot be read as "
                    + reader.getFullName() + " without changing its numbers: " + scales;
            return (data, offset, length) -> {
                throw new SerializationException(reason);
            };
        }
        DatumReader<?> avro = new SpecificDatumReader<>(writer, reader, model);
        return (data, offset, length) -> {
            BinaryDecoder reuse = DECODER.get();
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, offset, length, reuse);
            if (reuse == null) {
                DECODER.set(decoder);
            }
            return avro.read(null, decoder);
        };
    }

    private static Schema readerSchemaForWriter(Schema writer, int id, String topic) {
        Class<?> type = SpecificData.get().getClass(writer);
        if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
            throw new SerializationException("no generated class " + writer.getFullName() + " on the classpath for"
                    + " schema id " + id + " (topic " + topic + "); set " + RegistrySerdeConfig.SPECIFIC_AVRO_VALUE_TYPE
                    + " or " + RegistrySerdeConfig.SPECIFIC_AVRO_KEY_TYPE);
        }
        return readerSchemaOf(type);
    }

    private static Schema readerSchemaOf(Class<?> type) {
        return SpecificData.get().getSchema(type);
    }
}
