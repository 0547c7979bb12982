package dev.funnelstreams.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.funnelstreams.avro.ActivityLogged;
import dev.funnelstreams.avro.ChannelSpend;
import dev.funnelstreams.avro.Contact;
import dev.funnelstreams.avro.Customer;
import dev.funnelstreams.avro.LeadCreated;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.avro.LeadLost;
import dev.funnelstreams.avro.LeadUpdated;
import dev.funnelstreams.avro.OwnerChanged;
import dev.funnelstreams.avro.StageChanged;
import dev.funnelstreams.avro.out.Alert;
import dev.funnelstreams.avro.out.AlertStatus;
import dev.funnelstreams.avro.out.AlertType;
import dev.funnelstreams.registry.internals.DecimalScales;
import dev.funnelstreams.registry.internals.SpecificRecordReader;
import dev.funnelstreams.registry.internals.SpecificRecordWriter;
import dev.funnelstreams.registry.testdata.AllTypesEvent;
import dev.funnelstreams.registry.testdata.Link;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The serdes' compiled writer and same-schema reader against Avro's own SpecificDatumWriter and
 * SpecificDatumReader, which they replace on the hot path: same bytes, same records, same
 * rejections, and Avro's resolution whenever the writer schema differs.
 */
class CompiledAvroCodingTest {

    private static final String TOPIC = "crm.lead-events";
    private static final Instant T0 = Instant.parse("2026-03-02T01:30:00Z");

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>(registry);
    private final KafkaAvroDeserializer<LeadEvent> leadDeserializer = new KafkaAvroDeserializer<>(registry, LeadEvent.class);

    @Test
    void writesTheSameBytesAsAvroForEveryLeadEventBranch() throws IOException {
        for (LeadEvent event : leadEvents()) {
            byte[] bytes = serializer.serialize(TOPIC, event);

            assertThat(body(bytes)).as(event.toString()).isEqualTo(avroBytes(event));
        }
    }

    @Test
    void writesAnUnpairedSurrogateAsAvroDoes() throws IOException {
        LeadEvent event = lead(created().setContact(new Contact("\ud800x", "x\udc00", "\ud83d")).build());

        assertThat(body(serializer.serialize(TOPIC, event))).isEqualTo(avroBytes(event));
    }

    @Test
    void readsEveryLeadEventBranchBackAsAvroDoes() throws IOException {
        for (LeadEvent event : leadEvents()) {
            byte[] bytes = serializer.serialize(TOPIC, event);

            LeadEvent read = leadDeserializer.deserialize(TOPIC, bytes);

            assertThat(read).isEqualTo(event).isEqualTo(avroRead(avroBytes(event), LeadEvent.getClassSchema()));
        }
    }

    @Test
    void writesAndReadsEveryHandledTypeAsAvroDoes() throws IOException {
        KafkaAvroDeserializer<AllTypesEvent> deserializer = new KafkaAvroDeserializer<>(registry, AllTypesEvent.class);
        for (AllTypesEvent event : allTypesEvents()) {
            byte[] bytes = serializer.serialize("all-types", event);

            assertThat(body(bytes)).as(event.toString()).isEqualTo(avroBytes(event));
            AllTypesEvent read = deserializer.deserialize("all-types", bytes);
            assertThat(read).isEqualTo(event).isEqualTo(avroRead(avroBytes(event), AllTypesEvent.getClassSchema()));
        }
    }

    @Test
    void notANumberKeepsItsBits() throws IOException {
        // Generated equals() says NaN != NaN, so this compares bytes and the value read back.
        AllTypesEvent event = allTypesEvents().get(0);
        event.setRatio(Float.intBitsToFloat(0x7fc00001));
        event.setScore(Double.longBitsToDouble(0x7ff8000000000001L));

        byte[] bytes = serializer.serialize("all-types", event);
        AllTypesEvent read = new KafkaAvroDeserializer<>(registry, AllTypesEvent.class).deserialize("all-types", bytes);

        assertThat(body(bytes)).isEqualTo(avroBytes(event));
        assertThat(Float.floatToRawIntBits(read.getRatio())).isEqualTo(0x7fc00001);
        assertThat(Double.doubleToRawLongBits(read.getScore())).isEqualTo(0x7ff8000000000001L);
    }

    @Test
    void compilesTheInputSchemasAndLeavesEnumsAndArraysToAvro() {
        for (Schema schema : List.of(LeadEvent.getClassSchema(), ChannelSpend.getClassSchema(),
                AllTypesEvent.getClassSchema())) {
            assertThat(SpecificRecordWriter.compile(schema, SpecificData.getForSchema(schema))).isNotNull();
            assertThat(SpecificRecordReader.compile(schema, SpecificData.getForSchema(schema))).isNotNull();
        }
        assertThat(SpecificRecordWriter.compile(Alert.getClassSchema(), SpecificData.getForSchema(Alert.getClassSchema())))
                .isNull();
        assertThat(SpecificRecordReader.compile(Alert.getClassSchema(), SpecificData.getForSchema(Alert.getClassSchema())))
                .isNull();
    }

    @Test
    void recordsWithAnEnumStillRoundTripThroughAvro() throws IOException {
        Alert alert = Alert.newBuilder().setAlertId("a-1").setType(AlertType.values()[0])
                .setStatus(AlertStatus.values()[0]).setLeadId("L-1").setStage("lead").setStageName("Lead")
                .setOwner(null).setTier(null).setChannel(null).setSince(T0).setDeadline(T0.plusSeconds(60))
                .setRaisedAt(T0.plusSeconds(61)).setMessage("überfällig").build();

        byte[] bytes = serializer.serialize("alerts", alert);

        assertThat(body(bytes)).isEqualTo(avroBytes(alert));
        assertThat(new KafkaAvroDeserializer<>(registry, Alert.class).deserialize("alerts", bytes)).isEqualTo(alert);
    }

    @Test
    void channelSpendWithADateRoundTrips() throws IOException {
        ChannelSpend spend = ChannelSpend.newBuilder().setEventId("s-1").setChannel("expo").setCampaign(null)
                .setDate(LocalDate.of(2026, 3, 2)).setAmount(new BigDecimal("-12.50")).setCurrency("CNY")
                .setReportedAt(T0).build();

        byte[] bytes = serializer.serialize("crm.channel-spend", spend);

        assertThat(body(bytes)).isEqualTo(avroBytes(spend));
        assertThat(new KafkaAvroDeserializer<>(registry, ChannelSpend.class).deserialize("crm.channel-spend", bytes))
                .isEqualTo(spend);
    }

    @Test
    void decimalOfSmallerScaleIsWidenedAsAvroDoes() throws IOException {
        LeadEvent event = lead(created().setEstimatedValue(new BigDecimal("200000.5")).build());

        byte[] bytes = serializer.serialize(TOPIC, event);

        assertThat(body(bytes)).isEqualTo(avroBytes(event));
        assertThat(leadDeserializer.deserialize(TOPIC, bytes).getPayload())
                .extracting(p -> ((LeadCreated) p).getEstimatedValue()).isEqualTo(new BigDecimal("200000.50"));
    }

    @Test
    void decimalThatWouldNeedRoundingIsRejectedAsAvroRejectsIt() {
        LeadEvent event = lead(created().setEstimatedValue(new BigDecimal("1.005")).build());
        String rejection = "Cannot encode decimal with scale 3 as scale 2 without rounding";

        assertThat(avroFailure(event)).contains(rejection);
        assertThatThrownBy(() -> serializer.serialize(TOPIC, event))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC)
                .hasMessageContaining(rejection);
    }

    @Test
    void decimalBeyondThePrecisionIsRejectedAsAvroRejectsIt() {
        LeadEvent event = lead(StageChanged.newBuilder().setToStage("won")
                .setAmount(new BigDecimal("12345678901234567.00")).build());
        String rejection = "Cannot encode decimal with precision 19 as max precision 18";

        assertThat(avroFailure(event)).contains(rejection);
        assertThatThrownBy(() -> serializer.serialize(TOPIC, event))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(rejection);
    }

    @Test
    void nullInANonNullFieldIsASerializationErrorNamingTheField() {
        LeadEvent event = lead(created().build());
        event.setEventId(null);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, event))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC)
                .hasMessageContaining("eventId");
    }

    @Test
    void payloadThatNoUnionBranchTakesIsASerializationError() {
        LeadEvent event = lead(created().build());
        event.put(3, "not an event");

        assertThatThrownBy(() -> serializer.serialize(TOPIC, event))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC);
    }

    @Test
    void olderWriterSchemaWithoutAnOptionalFieldIsResolvedWithTheDefault() throws IOException {
        Schema older = editedLeadEvent((fields, name) -> {
            if (name.equals("LeadCreated")) {
                fields.remove(fields.size() - 1); // tier
            }
        });
        assertThat(older.getField("payload").schema().getTypes().get(0).getField("tier")).isNull();
        GenericRecord created = new GenericData.Record(older.getField("payload").schema().getTypes().get(0));
        created.put("owner", "li.na");
        created.put("estimatedValueCleared", true);
        GenericRecord event = new GenericData.Record(older);
        event.put("eventId", "e-9");
        event.put("leadId", "L-9");
        event.put("occurredAt", T0.toEpochMilli());
        event.put("payload", created);
        int id = registry.register("old-writer", older);

        LeadEvent read = leadDeserializer.deserialize(TOPIC, wire(id, genericBytes(older, event)));

        LeadCreated payload = (LeadCreated) read.getPayload();
        assertThat(read.getOccurredAt()).isEqualTo(T0);
        assertThat(payload.getOwner()).isEqualTo("li.na");
        assertThat(payload.getEstimatedValueCleared()).isTrue();
        assertThat(payload.getTier()).isNull();
    }

    @Test
    void newerWriterSchemaWithAnAddedOptionalFieldIsReadSkippingIt() throws IOException {
        Schema newer = editedLeadEvent((fields, name) -> {
            if (name.equals("LeadEvent")) {
                fields.insertObject(0).put("name", "region").put("default", (String) null)
                        .putArray("type").add("null").add("string");
            }
        });
        GenericRecord event = new GenericData.Record(newer);
        event.put("region", "华东");
        event.put("eventId", "e-10");
        event.put("leadId", "L-10");
        event.put("occurredAt", T0.toEpochMilli());
        GenericRecord owner = new GenericData.Record(newer.getField("payload").schema().getTypes().get(3));
        owner.put("owner", "wang.fang");
        event.put("payload", owner);
        int id = registry.register("new-writer", newer);

        LeadEvent read = leadDeserializer.deserialize(TOPIC, wire(id, genericBytes(newer, event)));

        assertThat(read).isEqualTo(LeadEvent.newBuilder().setEventId("e-10").setLeadId("L-10").setOccurredAt(T0)
                .setPayload(new OwnerChanged("wang.fang")).build());
    }

    @Test
    void aWriterWhoseDecimalsWouldBeReadAtAnotherScaleIsRefused() throws IOException {
        // The bytes carry only the unscaled value and Avro takes the reader's scale: a writer's 1.230 at scale 3
        // would read as 12.30. Every record of such a writer schema is a SerializationException (the DLQ).
        Schema scale3 = parse(LeadEvent.getClassSchema().toString().replace("\"scale\":2", "\"scale\":3"));
        assertThat(scale3).isNotEqualTo(LeadEvent.getClassSchema());
        LeadEvent event = lead(created().setEstimatedValue(new BigDecimal("1.23")).build());
        int id = registry.register("scale-3", scale3);

        assertThatThrownBy(() -> leadDeserializer.deserialize(TOPIC, wire(id, avroBytes(event))))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id " + id)
                .hasMessageContaining("LeadEvent.payload.LeadCreated.estimatedValue: the writer's decimal scale is 3,"
                        + " the reader's 2");
        // the body holds the unscaled 123: under the scale-3 schema it means 0.123, and Avro alone reads 1.23
        LeadEvent misread = new SpecificDatumReader<LeadEvent>(scale3, LeadEvent.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(avroBytes(event), null));
        assertThat(((LeadCreated) misread.getPayload()).getEstimatedValue()).as("what Avro alone reads")
                .isEqualByComparingTo(new BigDecimal("1.23")).isNotEqualByComparingTo(new BigDecimal("0.123"));
    }

    @Test
    void aWriterOfMoneyAsTextIsRefusedAndOneOfTheSameScaleIsRead() {
        Schema text = parse(LeadEvent.getClassSchema().toString().replace(
                "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":18,\"scale\":2}", "\"string\""));
        assertThat(text).isNotEqualTo(LeadEvent.getClassSchema());
        assertThat(DecimalScales.mismatch(text, LeadEvent.getClassSchema()))
                .startsWith("LeadEvent.").contains(": the writer's string is not a decimal");
        // a wider precision at the same scale changes no number: resolved as before
        Schema wider = parse(LeadEvent.getClassSchema().toString().replace("\"precision\":18", "\"precision\":30"));
        assertThat(wider).isNotEqualTo(LeadEvent.getClassSchema());
        assertThat(DecimalScales.mismatch(wider, LeadEvent.getClassSchema())).isNull();
        assertThat(DecimalScales.mismatch(LeadEvent.getClassSchema(), LeadEvent.getClassSchema())).isNull();
    }

    @Test
    void everyTruncationOfARecordIsASerializationError() throws IOException {
        for (LeadEvent event : leadEvents()) {
            byte[] bytes = serializer.serialize(TOPIC, event);
            for (int length = 6; length < bytes.length; length++) {
                byte[] cut = Arrays.copyOf(bytes, length);
                assertThatThrownBy(() -> leadDeserializer.deserialize(TOPIC, cut))
                        .as("%d of %d bytes", cut.length, bytes.length)
                        .isInstanceOf(SerializationException.class);
            }
        }
    }

    @Test
    void aTruncatedRecordInsideALargerBufferIsNotReadPastItsEnd() {
        byte[] bytes = serializer.serialize(TOPIC, leadEvents().get(0));
        int cut = bytes.length - 3;
        ByteBuffer slice = ByteBuffer.wrap(bytes, 0, cut).slice(); // the rest of the array follows it

        assertThatThrownBy(() -> leadDeserializer.deserialize(TOPIC, null, slice))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void corruptedBytesDecodeOrFailAsSerializationErrorsOnly() {
        Random random = new Random(10);
        List<LeadEvent> events = leadEvents();
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = serializer.serialize(TOPIC, events.get(i % events.size()));
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                bytes[WireFormat.HEADER_LENGTH + random.nextInt(bytes.length - WireFormat.HEADER_LENGTH)] =
                        (byte) random.nextInt(256);
            }
            try {
                leadDeserializer.deserialize(TOPIC, bytes);
            } catch (SerializationException expected) {
                // bad data: the only failure allowed
            }
        }
    }

    @Test
    void malformedLengthsAndBranchesAreSerializationErrors() {
        byte[] header = {0, 0, 0, 0, (byte) registry.register(TOPIC + "-value", LeadEvent.getClassSchema())};
        byte[][] bodies = {
            {1},                                          // eventId length -1
            {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07}, // eventId length far beyond the end
            {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01}, // int of six bytes
            {2, 'e', 2, 'L', 0, 20},                      // union branch 10 of 6
            {2, 'e', 2, 'L', 0, 1},                       // union branch -1
        };
        for (byte[] body : bodies) {
            byte[] bytes = new byte[header.length + body.length];
            System.arraycopy(header, 0, bytes, 0, header.length);
            System.arraycopy(body, 0, bytes, header.length, body.length);
            assertThatThrownBy(() -> leadDeserializer.deserialize(TOPIC, bytes))
                    .as(Arrays.toString(body))
                    .isInstanceOf(SerializationException.class);
        }
    }

    @Test
    void oneSerdeIsSafeToShareBetweenThreadsForEveryBranch() throws Exception {
        SpecificAvroSerde<LeadEvent> serde = new SpecificAvroSerde<>(registry, LeadEvent.class);
        List<LeadEvent> events = leadEvents();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        LeadEvent e = events.get((i + offset) % events.size());
                        if (!e.equals(serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, e)))) {
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

    static List<LeadEvent> leadEvents() {
        Object[] payloads = {
            created().build(),
            created().setCustomer(null).setContact(null).setEstimatedValue(null).setChannel(null).setCampaign(null)
                    .setOwner(null).setStage(null).build(),
            created().setCustomer(new Customer(null, null, null)).setContact(new Contact("😀 Zoë", "", null))
                    .setEstimatedValueCleared(true).setEstimatedValue(null).setTier("A").build(),
            created().setCampaign("c".repeat(63)).setOwner("o".repeat(64)).setStage("s".repeat(300))
                    .setEstimatedValue(new BigDecimal("-9999999999999999.99")).build(),
            StageChanged.newBuilder().setToStage("won").setFromStage("negotiation").setNote("签约")
                    .setAmount(new BigDecimal("-0.01")).build(),
            StageChanged.newBuilder().setToStage("").setAmount(BigDecimal.ZERO.setScale(2)).build(),
            ActivityLogged.newBuilder().setActivity("call").setNote(null).build(),
            OwnerChanged.newBuilder().setOwner("").build(),
            LeadUpdated.newBuilder().setEstimatedValue(new BigDecimal("650000.00")).setTier(null)
                    .setIndustry("electronics").build(),
            LeadLost.newBuilder().setReason("price").setDetail("预算超出 10%").build()
        };
        List<LeadEvent> events = new ArrayList<>();
        for (int i = 0; i < payloads.length; i++) {
            events.add(LeadEvent.newBuilder().setEventId("e-" + i).setLeadId("L-" + i)
                    .setOccurredAt(T0.plusMillis(i * 1_234_567L - 5_000_000L)).setPayload(payloads[i]).build());
        }
        events.add(lead(created().build()));
        events.get(events.size() - 1).setOccurredAt(Instant.ofEpochMilli(-1));
        return events;
    }

    private static List<AllTypesEvent> allTypesEvents() {
        AllTypesEvent.Builder base = AllTypesEvent.newBuilder()
                .setFlag(true).setCount(-1).setTotal(Long.MIN_VALUE).setRatio(-Float.MIN_VALUE).setScore(-0.0)
                .setRaw(ByteBuffer.wrap(new byte[] {0, -1, 127})).setName("名前").setOptionalName(null)
                .setDay(LocalDate.of(1969, 12, 31)).setAt(Instant.ofEpochMilli(Long.MAX_VALUE / 2)).setMaybeAt(null)
                .setPrice(new BigDecimal("-1234.567")).setChoice(null).setChain(null);
        Link chain = new Link("a", new Link("b", new Link("c", null)));
        return List.of(
                base.build(),
                AllTypesEvent.newBuilder(base.build()).setFlag(false).setCount(Integer.MAX_VALUE).setTotal(Long.MAX_VALUE)
                        .setRatio(1.5f).setScore(Double.MIN_VALUE).setRaw(ByteBuffer.allocate(0)).setName("")
                        .setOptionalName("x").setMaybeAt(T0).setChoice(42).setChain(chain).build(),
                AllTypesEvent.newBuilder(base.build()).setChoice(42L).build(),
                AllTypesEvent.newBuilder(base.build()).setChoice("text").build(),
                AllTypesEvent.newBuilder(base.build()).setChoice(2.5d).build(),
                AllTypesEvent.newBuilder(base.build()).setChoice(Boolean.TRUE).build());
    }

    private static LeadCreated.Builder created() {
        return LeadCreated.newBuilder()
                .setChannel("expo").setCampaign("expo-sh-2026").setOwner("zhang.wei").setStage("lead")
                .setCustomer(new Customer("华东精密", "manufacturing", "200-500"))
                .setContact(new Contact("王芳", "采购经理", "+86 138 0000 0000"))
                .setEstimatedValue(new BigDecimal("200000.00")).setTier(null);
    }

    private static LeadEvent lead(Object payload) {
        return LeadEvent.newBuilder().setEventId("e-1").setLeadId("L-1").setOccurredAt(T0).setPayload(payload).build();
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    /** The LeadEvent schema with {@code edit} applied to the fields of each record, by record name. */
    private static Schema editedLeadEvent(BiConsumer<ArrayNode, String> edit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(LeadEvent.getClassSchema().toString());
        editRecords(root, edit);
        return parse(json.writeValueAsString(root));
    }

    private static void editRecords(JsonNode node, BiConsumer<ArrayNode, String> edit) {
        if (node.isObject() && "record".equals(node.path("type").asText()) && node.get("fields") instanceof ArrayNode f) {
            for (JsonNode field : f) {
                editRecords(field.get("type"), edit);
            }
            edit.accept(f, node.get("name").asText());
        } else if (node.isArray()) {
            node.forEach(branch -> editRecords(branch, edit));
        }
    }

    private static byte[] body(byte[] wire) {
        return Arrays.copyOfRange(wire, WireFormat.HEADER_LENGTH, wire.length);
    }

    private static byte[] wire(int id, byte[] body) {
        byte[] bytes = new byte[WireFormat.HEADER_LENGTH + body.length];
        WireFormat.writeHeader(bytes, 0, id);
        System.arraycopy(body, 0, bytes, WireFormat.HEADER_LENGTH, body.length);
        return bytes;
    }

    /** What Avro's own SpecificDatumWriter writes: the serializer's encoding before issue 10. */
    private static byte[] avroBytes(SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static String avroFailure(SpecificRecord record) {
        try {
            avroBytes(record);
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("Avro accepted " + record);
    }

    private static Object avroRead(byte[] body, Schema schema) throws IOException {
        return new SpecificDatumReader<>(schema, schema).read(null, DecoderFactory.get().binaryDecoder(body, null));
    }

    private static byte[] genericBytes(Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
