package dev.funnelstreams.registry.bench;

import dev.funnelstreams.avro.Contact;
import dev.funnelstreams.avro.Customer;
import dev.funnelstreams.avro.LeadCreated;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.registry.InMemorySchemaRegistryClient;
import dev.funnelstreams.registry.KafkaAvroDeserializer;
import dev.funnelstreams.registry.KafkaAvroSerializer;
import dev.funnelstreams.registry.testdata.TestEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Cost of the serdes on the hot path: registry ids and Avro readers/writers cached, as they are
 * after a topic's first record. Run with
 * {@code ./mvnw -B -pl registry-serde -am test-compile exec:exec@jmh}; JMH options may follow as
 * {@code -Djmh.args="..."}. Not run by {@code verify}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SerdeRoundTripBenchmark {

    private static final String TOPIC = "funnel-events";

    private KafkaAvroSerializer<TestEvent> serializer;
    private KafkaAvroDeserializer<TestEvent> deserializer;
    private TestEvent event;
    private byte[] bytes;

    private KafkaAvroSerializer<LeadEvent> leadSerializer;
    private KafkaAvroDeserializer<LeadEvent> leadDeserializer;
    private LeadEvent leadEvent;
    private byte[] leadBytes;

    @Setup
    public void warmCaches() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        serializer = new KafkaAvroSerializer<>(registry);
        deserializer = new KafkaAvroDeserializer<>(registry, TestEvent.class);
        event = TestEvent.newBuilder()
                .setLeadId("7f9c2ba4-e88f-41a1-9c5b-7b2f0e6a1d33")
                .setOccurredAt(1_700_000_000_000L)
                .setStage("QUALIFIED")
                .setAmountCents(129_900)
                .setSource("web")
                .build();
        bytes = serializer.serialize(TOPIC, event);
        deserializer.deserialize(TOPIC, bytes);

        leadSerializer = new KafkaAvroSerializer<>(registry);
        leadDeserializer = new KafkaAvroDeserializer<>(registry, LeadEvent.class);
        leadEvent = typicalLeadEvent();
        leadBytes = leadSerializer.serialize("crm.lead-events", leadEvent);
        leadDeserializer.deserialize("crm.lead-events", leadBytes);
    }

    /** A LeadCreated as the SPEC's example shows it: customer, contact, value, Chinese text. */
    static LeadEvent typicalLeadEvent() {
        LeadCreated created = LeadCreated.newBuilder()
                .setChannel("expo").setCampaign("expo-sh-2026").setOwner("zhang.wei").setStage("lead")
                .setCustomer(new Customer("华东精密", "manufacturing", "200-500"))
                .setContact(new Contact("王芳", "采购经理", "+86 138 0000 0000"))
                .setEstimatedValue(new BigDecimal("200000.00")).setTier(null)
                .build();
        return LeadEvent.newBuilder()
                .setEventId("e-1").setLeadId("L-1").setOccurredAt(Instant.parse("2026-03-02T01:30:00Z"))
                .setPayload(created)
                .build();
    }

    /** The benchmark: serialize + deserialize of a typical LeadEvent, caches warm. */
    @Benchmark
    public LeadEvent leadEventRoundTrip() {
        return leadDeserializer.deserialize("crm.lead-events", leadSerializer.serialize("crm.lead-events", leadEvent));
    }

    /** The serializer's half of {@link #leadEventRoundTrip}. */
    @Benchmark
    public byte[] leadEventSerialize() {
        return leadSerializer.serialize("crm.lead-events", leadEvent);
    }

    /** The deserializer's half of {@link #leadEventRoundTrip}. */
    @Benchmark
    public LeadEvent leadEventDeserialize() {
        return leadDeserializer.deserialize("crm.lead-events", leadBytes);
    }

    @Benchmark
    public TestEvent roundTrip() {
        return deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, event));
    }

    @Benchmark
    public byte[] serialize() {
        return serializer.serialize(TOPIC, event);
    }

    @Benchmark
    public TestEvent deserialize() {
        return deserializer.deserialize(TOPIC, bytes);
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(SerdeRoundTripBenchmark.class.getName());
        }
        new Runner(options.build()).run();
    }
}
