package dev.funnelstreams.registry.bench;

import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.registry.InMemorySchemaRegistryClient;
import dev.funnelstreams.registry.KafkaAvroDeserializer;
import dev.funnelstreams.registry.KafkaAvroSerializer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The LeadEvent round trip of {@link SerdeRoundTripBenchmark} timed in this thread's CPU time
 * rather than wall time, so a machine busy with other builds disturbs it less (it still shares
 * caches and cores). Ten rounds of 2 s after a 10 s warm-up; prints the median. A cross-check for
 * the JMH numbers, not a replacement.
 */
public final class SerdeCpuTime {

    private SerdeCpuTime() {
    }

    public static void main(String[] args) {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        KafkaAvroSerializer<LeadEvent> serializer = new KafkaAvroSerializer<>(registry);
        KafkaAvroDeserializer<LeadEvent> deserializer = new KafkaAvroDeserializer<>(registry, LeadEvent.class);
        LeadEvent event = SerdeRoundTripBenchmark.typicalLeadEvent();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sink = 0;
        long warmUntil = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            sink += deserializer.deserialize("t", serializer.serialize("t", event)).getLeadId().length();
        }
        double[] nsPerOp = new double[10];
        for (int round = 0; round < nsPerOp.length; round++) {
            long cpu0 = mx.getCurrentThreadCpuTime();
            long ops = 0;
            while (mx.getCurrentThreadCpuTime() - cpu0 < 2_000_000_000L) {
                for (int i = 0; i < 1_000; i++) {
                    sink += deserializer.deserialize("t", serializer.serialize("t", event)).getLeadId().length();
                }
                ops += 1_000;
            }
            nsPerOp[round] = (mx.getCurrentThreadCpuTime() - cpu0) / (double) ops;
        }
        Arrays.sort(nsPerOp);
        System.out.printf("leadEventRoundTrip CPU ns/op: median %.0f, min %.0f, max %.0f (sink %d)%n",
                (nsPerOp[4] + nsPerOp[5]) / 2, nsPerOp[0], nsPerOp[9], sink % 10);
    }
}
