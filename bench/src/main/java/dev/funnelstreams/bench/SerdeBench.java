package dev.funnelstreams.bench;

import dev.funnelstreams.avro.Contact;
import dev.funnelstreams.avro.Customer;
import dev.funnelstreams.avro.LeadCreated;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.registry.InMemorySchemaRegistryClient;
import dev.funnelstreams.registry.KafkaAvroDeserializer;
import dev.funnelstreams.registry.KafkaAvroSerializer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code funnel bench serde}: serialize + deserialize of a typical LeadEvent (the JMH benchmark's
 * {@code typicalLeadEvent}: LeadCreated with customer, contact, value and Chinese text) through the project's
 * {@link KafkaAvroSerializer} / {@link KafkaAvroDeserializer} with an in-memory registry, caches warm. A warm-up, then
 * one-second iterations; the result is the mean over the measured iterations. One thread, no fork: a quick figure
 * beside the JMH benchmark, not a replacement for it.
 */
public final class SerdeBench {

    static final String TOPIC = "crm.lead-events";
    private static final int BATCH = 1_000;

    /** The result. */
    public record Result(double nsPerRoundTrip, List<Double> iterations, int bytes) {

        public String finalLine() {
            return String.format(Locale.ROOT, "serde: %.0f ns per round trip", nsPerRoundTrip);
        }
    }

    private final double seconds;
    private final double warmupSeconds;
    private final Progress progress;
    /** Sink for the results, so the JIT cannot drop the work. */
    private long sink;

    public SerdeBench(double seconds, double warmupSeconds, Progress progress) {
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.progress = progress;
    }

    public Result run() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        KafkaAvroSerializer<LeadEvent> serializer = new KafkaAvroSerializer<>(registry);
        KafkaAvroDeserializer<LeadEvent> deserializer = new KafkaAvroDeserializer<>(registry, LeadEvent.class);
        LeadEvent event = typicalLeadEvent();
        byte[] bytes = serializer.serialize(TOPIC, event);
        if (!event.equals(deserializer.deserialize(TOPIC, bytes))) {
            throw new IllegalStateException("the round trip changed the event");
        }
        progress.line("typical LeadEvent: %d bytes on the wire; warm-up %.0f s", bytes.length, warmupSeconds);
        iterate(serializer, deserializer, event, warmupSeconds, "warm-up");
        List<Double> measured = iterate(serializer, deserializer, event, seconds, "iteration");
        double mean = measured.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        if (sink == 42) {
            progress.line("(sink %d)", sink);
        }
        return new Result(mean, measured, bytes.length);
    }

    private List<Double> iterate(KafkaAvroSerializer<LeadEvent> serializer,
            KafkaAvroDeserializer<LeadEvent> deserializer, LeadEvent event, double totalSeconds, String label) {
        List<Double> out = new ArrayList<>();
        int iterations = Math.max(1, (int) Math.round(totalSeconds));
        long iterationNanos = (long) (totalSeconds / iterations * 1e9);
        for (int i = 1; i <= iterations; i++) {
            long start = System.nanoTime();
            long end = start + iterationNanos;
            long n = 0;
            long now;
            do {
                for (int k = 0; k < BATCH; k++) {
                    sink += deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, event)).getOccurredAt()
                            .getNano();
                }
                n += BATCH;
                now = System.nanoTime();
            } while (now < end);
            double ns = (now - start) / (double) n;
            out.add(ns);
            progress.line("%s %d: %,.0f ns per round trip (%,d round trips)", label, i, ns, n);
        }
        return out;
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
}
