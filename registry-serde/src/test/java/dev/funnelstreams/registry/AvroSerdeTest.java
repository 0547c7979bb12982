package dev.funnelstreams.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelstreams.registry.testdata.TestEvent;
import dev.funnelstreams.registry.testdata.TestEventV2;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private static final String TOPIC = "funnel-events";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    static TestEvent event() {
        return TestEvent.newBuilder()
                .setLeadId("lead-42")
                .setOccurredAt(1_700_000_000_000L)
                .setStage("QUALIFIED")
                .setAmountCents(129_900)
                .setSource("web")
                .build();
    }

    @Test
    void writesMagicByteThenBigEndianSchemaIdThenAvroBinary() throws IOException {
        registry.register(TOPIC + "-value", TestEvent.getClassSchema(), 0x01020304);
        KafkaAvroSerializer<TestEvent> serializer = new KafkaAvroSerializer<>(registry);

        byte[] bytes = serializer.serialize(TOPIC, event());

        assertThat(Arrays.copyOf(bytes, 5)).containsExactly(0, 1, 2, 3, 4);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plainAvro(event()));
    }

    @Test
    void roundTripsARecordThroughTheRegistry() {
        KafkaAvroSerializer<TestEvent> serializer = new KafkaAvroSerializer<>(registry);
        KafkaAvroDeserializer<TestEvent> deserializer = new KafkaAvroDeserializer<>(registry, TestEvent.class);

        TestEvent back = deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, event()));

        assertThat(back).isEqualTo(event());
    }

    @Test
    void registersValuesUnderTopicValueAndKeysUnderTopicKey() {
        SpecificAvroSerde<TestEvent> keySerde = new SpecificAvroSerde<>(registry, TestEvent.class);
        keySerde.configure(Map.of(), true);
        new KafkaAvroSerializer<TestEvent>(registry).serialize(TOPIC, event());
        keySerde.serializer().serialize(TOPIC, event());

        assertThat(registry.getLatest(TOPIC + "-value").schema()).isEqualTo(TestEvent.getClassSchema());
        assertThat(registry.getLatest(TOPIC + "-key").schema()).isEqualTo(TestEvent.getClassSchema());
    }

    @Test
    void readerWithAddedDefaultedFieldReadsOldRecordsWithTheDefault() {
        byte[] v1 = new KafkaAvroSerializer<TestEvent>(registry).serialize(TOPIC, event());

        TestEventV2 read = new KafkaAvroDeserializer<>(registry, TestEventV2.class).deserialize(TOPIC, v1);

        assertThat(read.getLeadId()).isEqualTo("lead-42");
        assertThat(read.getAmountCents()).isEqualTo(129_900);
        assertThat(read.getSource()).isEqualTo("web");
        assertThat(read.getCurrency()).isEqualTo("EUR");
    }

    @Test
    void oldReaderSkipsFieldAddedByNewWriter() {
        TestEventV2 v2 = TestEventV2.newBuilder()
                .setLeadId("lead-7").setOccurredAt(1L).setStage("WON").setAmountCents(5).setSource(null)
                .setCurrency("USD").build();
        byte[] bytes = new KafkaAvroSerializer<TestEventV2>(registry).serialize("other", v2);

        TestEvent read = new KafkaAvroDeserializer<>(registry, TestEvent.class).deserialize("other", bytes);

        assertThat(read.getLeadId()).isEqualTo("lead-7");
        assertThat(read.getStage()).isEqualTo("WON");
        assertThat(read.getSource()).isNull();
    }

    @Test
    void withoutAConfiguredTypeReadsIntoTheClassNamedByTheWriterSchema() {
        byte[] bytes = new KafkaAvroSerializer<TestEvent>(registry).serialize(TOPIC, event());
        SpecificAvroSerde<TestEvent> serde = new SpecificAvroSerde<>(registry);

        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(event());
    }

    @Test
    void readsIntoTheTypeNamedInConfiguration() {
        byte[] v1 = new KafkaAvroSerializer<TestEvent>(registry).serialize(TOPIC, event());
        SpecificAvroSerde<TestEventV2> serde = new SpecificAvroSerde<>(registry);
        serde.configure(Map.of(RegistrySerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, TestEventV2.class.getName()), false);

        assertThat(serde.deserializer().deserialize(TOPIC, v1).getCurrency()).isEqualTo("EUR");
    }

    @Test
    void configurationWithoutUrlOrClientNamesTheMissingKey() {
        assertThatThrownBy(() -> new SpecificAvroSerde<TestEvent>().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void rejectsTypeThatIsNotASpecificRecord() {
        assertThatThrownBy(() -> new KafkaAvroDeserializer<TestEvent>()
                .configure(Map.of(RegistrySerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, "java.lang.String",
                        RegistrySerdeConfig.SCHEMA_REGISTRY_URL, "http://localhost:1"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(RegistrySerdeConfig.SPECIFIC_AVRO_VALUE_TYPE);
    }

    @Test
    void nullAndEmptyPayloadsAreTombstones() {
        KafkaAvroDeserializer<TestEvent> deserializer = new KafkaAvroDeserializer<>(registry, TestEvent.class);

        assertThat(deserializer.deserialize(TOPIC, (byte[]) null)).isNull();
        assertThat(deserializer.deserialize(TOPIC, new byte[0])).isNull();
        assertThat(deserializer.deserialize(TOPIC, null, ByteBuffer.allocate(0))).isNull();
        assertThat(new KafkaAvroSerializer<TestEvent>(registry).serialize(TOPIC, null)).isNull();
    }

    @Test
    void rejectsWrongMagicByteAsNotConfluentWireFormat() {
        KafkaAvroDeserializer<TestEvent> deserializer = new KafkaAvroDeserializer<>(registry, TestEvent.class);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {1, 0, 0, 0, 1, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessage("unknown magic byte 1 (expected 0): not Confluent wire format");
    }

    @Test
    void rejectsPayloadShorterThanTheHeader() {
        KafkaAvroDeserializer<TestEvent> deserializer = new KafkaAvroDeserializer<>(registry, TestEvent.class);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("payload of 3 byte(s) is too short");
    }

    @Test
    void unknownSchemaIdIsASerializationErrorNamingTheId() {
        KafkaAvroDeserializer<TestEvent> deserializer = new KafkaAvroDeserializer<>(registry, TestEvent.class);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0, 0, 99, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown schema id 99")
                .hasMessageContaining("mem://")
                .hasCauseInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void truncatedBodyIsASerializationErrorNamingTopicAndId() {
        byte[] bytes = new KafkaAvroSerializer<TestEvent>(registry).serialize(TOPIC, event());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 4);

        assertThatThrownBy(() -> new KafkaAvroDeserializer<>(registry, TestEvent.class).deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC)
                .hasMessageContaining("schema id 1");
    }

    @Test
    void nullInNonNullableFieldIsASerializationError() {
        TestEvent bad = event();
        bad.setLeadId(null);

        assertThatThrownBy(() -> new KafkaAvroSerializer<TestEvent>(registry).serialize(TOPIC, bad))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC);
    }

    @Test
    void withAutoRegisterOffAnUnregisteredSchemaFailsNamingTheSubject() {
        KafkaAvroSerializer<TestEvent> serializer = new KafkaAvroSerializer<>(registry);
        serializer.configure(Map.of(RegistrySerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, event()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'" + TOPIC + "-value'")
                .hasMessageContaining("auto.register.schemas=false");

        registry.register(TOPIC + "-value", TestEvent.getClassSchema());
        assertThat(serializer.serialize(TOPIC, event())).isNotNull();
    }

    @Test
    void incompatibleSchemaIsASerializationErrorNamingTheSubject() {
        registry.register(TOPIC + "-value", SchemaBuilder.record("TestEvent")
                .namespace("dev.funnelstreams.registry.testdata").fields().requiredLong("leadId").endRecord());

        assertThatThrownBy(() -> new KafkaAvroSerializer<TestEvent>(registry).serialize(TOPIC, event()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'" + TOPIC + "-value'")
                .hasCauseInstanceOf(IncompatibleSchemaException.class);
    }

    @Test
    void decodesFromTheConsumersBufferWithoutMovingIt() {
        byte[] bytes = new KafkaAvroSerializer<TestEvent>(registry).serialize(TOPIC, event());
        byte[] padded = new byte[bytes.length + 7];
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        ByteBuffer buffer = ByteBuffer.wrap(padded, 3, bytes.length).slice();

        TestEvent read = new KafkaAvroDeserializer<>(registry, TestEvent.class).deserialize(TOPIC, null, buffer);

        assertThat(read).isEqualTo(event());
        assertThat(buffer.position()).isZero();
    }

    @Test
    void fetchesEachWriterSchemaOnce() {
        KafkaAvroSerializer<TestEvent> serializer = new KafkaAvroSerializer<>(registry);
        KafkaAvroDeserializer<TestEvent> deserializer = new KafkaAvroDeserializer<>(registry, TestEvent.class);
        byte[] bytes = serializer.serialize(TOPIC, event());

        for (int i = 0; i < 10; i++) {
            deserializer.deserialize(TOPIC, bytes);
        }

        assertThat(registry.getByIdCalls()).isEqualTo(1);
    }

    @Test
    void oneSerdeIsSafeToShareBetweenThreads() throws Exception {
        SpecificAvroSerde<TestEvent> serde = new SpecificAvroSerde<>(registry, TestEvent.class);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        TestEvent e = event();
                        e.setLeadId("lead-" + thread + "-" + i);
                        e.setSource(i % 2 == 0 ? null : "x".repeat(i % 300));
                        String topic = "t" + (i % 3);
                        if (!e.equals(serde.deserializer().deserialize(topic, serde.serializer().serialize(topic, e)))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] plainAvro(TestEvent event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<TestEvent>(TestEvent.getClassSchema()).write(event, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
