package dev.funnelstreams.bench;

import dev.funnelstreams.avro.out.LeadStateKey;
import dev.funnelstreams.core.config.Dimension;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.streams.StoreNames;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.state.CellCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code bench latency --breakdown}: where a probe's latency goes, and the stream threads' commit cycles.
 * Per probe, on the same clock as the latency: when the broker acknowledged it, when a read_uncommitted consumer saw it
 * in the input topic, when a poll of a stream thread's consumer returned it ({@link Polled}), and when another consumer
 * saw its {@code funnel.lead-state} record before the transaction committed it (the lead task writes it when it
 * flushes, just before its commit); the committed time is the latency's own. Then when a stream thread's poll returned
 * the first delta of the probe's owner cells from the cell repartition topic: the cell task's input. The
 * cycles come from each stream thread's {@code commit-total} and {@code process-total}, sampled every
 * {@value #SAMPLE_MILLIS} ms. Off by default: the two extra consumers and the sampler share the machine with the
 * pipeline.
 */
final class LatencyStages implements AutoCloseable {

    static final long SAMPLE_MILLIS = 5;

    private final long[] sentAt;
    private final double[] acked;
    private final double[] inInput;
    private final double[] written;
    private final double[] polledInput;
    private final double[] polledDelta;
    private final String leadEventsTopic;
    private final String leadPrefix;
    private final String ownerPrefix;
    private final Map<String, Integer> leadIndex;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    /** Per stream thread; written by the sampler only, read after {@link #close}. */
    private final Map<String, CommitCycles> cycles = new TreeMap<>();

    /**
     * For the probes whose send times {@code sentAt} holds, found by leadId in {@code leadIndex}; probe {@code p} is
     * lead {@code leadPrefix + p} of owner {@code ownerPrefix + p}, its events in {@code leadEventsTopic}.
     */
    LatencyStages(long[] sentAt, Map<String, Integer> leadIndex, String leadEventsTopic, String leadPrefix,
            String ownerPrefix) {
        this.sentAt = sentAt;
        this.leadIndex = leadIndex;
        this.leadEventsTopic = leadEventsTopic;
        this.leadPrefix = leadPrefix;
        this.ownerPrefix = ownerPrefix;
        this.polledInput = unseen(sentAt.length);
        this.polledDelta = unseen(sentAt.length);
        this.acked = unseen(sentAt.length);
        this.inInput = unseen(sentAt.length);
        this.written = unseen(sentAt.length);
    }

    private static double[] unseen(int n) {
        double[] a = new double[n];
        Arrays.fill(a, -1);
        return a;
    }

    /**
     * Starts the two readers at the end of their topics (before the first probe is sent) and the cycle sampler.
     * {@code consumer}: the latency reader's properties; the isolation level is replaced.
     */
    void start(Map<String, Object> consumer, Topics topics, Deserializer<LeadStateKey> leadKeys, KafkaStreams streams) {
        reader("input", consumer, topics.leadEvents(), inInput,
                r -> new String(r.key(), StandardCharsets.UTF_8));
        reader("lead-state", consumer, topics.leadState(), written,
                r -> leadKeys.deserialize(r.topic(), r.key()).getLeadId());
        Thread sampler = new Thread(() -> sample(streams), "latency-commit-cycles");
        sampler.start();
        threads.add(sampler);
    }

    private void reader(String name, Map<String, Object> props, String topic, double[] seen,
            Function<ConsumerRecord<byte[], byte[]>, String> leadId) {
        Map<String, Object> p = new HashMap<>(props);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        KafkaConsumer<byte[], byte[]> consumer = LatencyBench.atEnd(p, List.of(topic));
        Thread t = new Thread(() -> {
            try (consumer) {
                while (!stop.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                        long now = System.nanoTime();
                        Integer i = leadIndex.get(leadId.apply(r));
                        if (i != null && seen[i] < 0) {
                            seen[i] = (now - sentAt[i]) / 1e6;
                        }
                    }
                }
            }
        }, "latency-" + name + "-reader");
        t.start();
        threads.add(t);
    }

    private void sample(KafkaStreams streams) {
        Map<String, Metric[]> totals = new TreeMap<>();
        streams.metrics().forEach((name, metric) -> {
            int i = List.of("commit-total", "process-total").indexOf(name.name());
            if (i >= 0 && name.group().equals("stream-thread-metrics")) {
                totals.computeIfAbsent(name.tags().get("thread-id"), k -> new Metric[2])[i] = metric;
            }
        });
        totals.keySet().forEach(thread -> cycles.put(thread, new CommitCycles()));
        while (!stop.get()) {
            long now = System.nanoTime();
            totals.forEach((thread, m) -> cycles.get(thread).sample(now, value(m[0]), value(m[1])));
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static double value(Metric m) {
        return m != null && m.metricValue() instanceof Double d ? d : 0;
    }

    /**
     * The stream threads' main consumer interceptor while a breakdown runs
     * ({@code main.consumer.interceptor.classes}): Kafka hands it what each poll returns, and it stamps the probes in
     * it. Static because Kafka creates it from its class name; one latency benchmark per JVM.
     */
    public static final class Polled implements ConsumerInterceptor<byte[], byte[]> {

        static volatile LatencyStages stages;

        @Override
        public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
            LatencyStages s = stages;
            if (s != null) {
                s.polled(records);
            }
            return records;
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }

    /**
     * Stamps the probes among a poll's records: their lead events, and their owner cells' first delta. Called on the
     * stream threads, which {@link #close} does not join: synchronized with {@link #describe}.
     */
    private synchronized void polled(ConsumerRecords<byte[], byte[]> records) {
        long now = System.nanoTime();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.topic().equals(leadEventsTopic)) {
                Integer i = leadIndex.get(new String(r.key(), StandardCharsets.UTF_8));
                if (i != null && polledInput[i] < 0) {
                    polledInput[i] = (now - sentAt[i]) / 1e6;
                }
            } else if (r.topic().endsWith(StoreNames.CELL_DELTAS_REPARTITION + "-repartition")
                    && CellCodec.decodeKey(r.key()) instanceof StageFlowKey k
                    && k.dimension().equals(Dimension.OWNER.key()) && k.dimensionValue().startsWith(ownerPrefix)) {
                Integer i = leadIndex.get(leadPrefix + k.dimensionValue().substring(ownerPrefix.length()));
                if (i != null && polledDelta[i] < 0) {
                    polledDelta[i] = (now - sentAt[i]) / 1e6;
                }
            }
        }
    }

    /** The callback that records when the broker acknowledged probe {@code probe}. */
    Callback acked(int probe) {
        return (metadata, e) -> {
            if (e == null) {
                acked[probe] = (System.nanoTime() - sentAt[probe]) / 1e6;
            }
        };
    }

    /** Stops the readers and the sampler; the results can be read after it. */
    @Override
    public void close() throws InterruptedException {
        Polled.stages = null;
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
    }

    /**
     * After {@link #close} (which joins the sampler and the readers, so their results are visible here): the breakdown
     * lines for the probes sent at or after {@code fromNanos} (each stage over the probes it saw), with
     * {@code committed} the lead-state latencies, and one line of commit cycles per stream thread.
     */
    synchronized List<String> describe(long fromNanos, double[] committed) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "breakdown of the latency (p50 / p99 / max ms after the send, probes"
                + " after the warm-up): acked by the broker %s; in funnel.lead-events (read_uncommitted) %s; polled by"
                + " a stream thread %s; written to funnel.lead-state (read_uncommitted) %s; lead-state committed"
                + " (read_committed) %s; its owner cells' first delta polled by a stream thread %s",
                stage(acked, fromNanos), stage(inInput, fromNanos), stage(polledInput, fromNanos),
                stage(written, fromNanos), stage(committed, fromNanos), stage(polledDelta, fromNanos)));
        cycles.forEach((thread, c) -> lines.add("commit cycles of " + thread + " after the warm-up: "
                + c.describe(fromNanos) + " (sampled every " + SAMPLE_MILLIS + " ms)"));
        return lines;
    }

    private String stage(double[] latencies, long fromNanos) {
        List<Double> seen = new ArrayList<>();
        for (int i = 0; i < latencies.length; i++) {
            if (sentAt[i] >= fromNanos && latencies[i] >= 0) {
                seen.add(latencies[i]);
            }
        }
        Percentiles p = Percentiles.of(seen.stream().mapToDouble(Double::doubleValue).toArray());
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f", p.p50(), p.p99(), p.max());
    }
}
