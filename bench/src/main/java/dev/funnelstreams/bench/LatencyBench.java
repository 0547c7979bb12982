package dev.funnelstreams.bench;

import dev.funnelstreams.avro.LeadCreated;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.avro.out.LeadStateKey;
import dev.funnelstreams.avro.out.StageFlowKey;
import dev.funnelstreams.core.config.Dimension;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.ClientSettings;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * {@code funnel bench latency}: end-to-end latency of the running pipeline at a fixed input rate. The measured events
 * ("probes") are LeadCreated events of a new lead with a new owner (occurredAt = now); by default one event in
 * {@link #PROBE_EVERY} is a probe and the others are what a CRM mostly sends, activities (70 %) and stage moves (30 %)
 * on leads created earlier in the run; {@code --probes-only} makes every event a probe (every event then opens new
 * cells: the worst case). A probe's two outputs belong to it alone and can be matched without clocks in the records: its {@code funnel.lead-state} record (key = its leadId; written by the first
 * sub-topology) and its {@code funnel.stage-flow} cells of dimension owner = its owner (through the delta buffer, the
 * cell repartition topic and the cell aggregator: the whole pipeline). Latency = the moment a read_committed consumer
 * in this JVM receives the first such record minus the moment this JVM handed the event to its producer (linger.ms 0,
 * so the benchmark's own batching adds nothing), both on this JVM's monotonic clock. Events of the warm-up (by default
 * the first third of the run, at most 30 s, which leaves out the start-up backlog the JIT's compilation makes;
 * {@code --warmup S}) are produced but not counted.
 */
public final class LatencyBench {

    /** What the command was asked. */
    public record Options(int rate, int seconds, Integer warmupSeconds, boolean lowLatency, boolean probesOnly,
            boolean breakdown, Integer threads, int partitions, Path config, String bootstrapServers,
            String registryUrl) {

        /** The warm-up: as asked, else the first third of the run, at most 30 s. */
        long warmupMillis() {
            return warmupSeconds != null ? warmupSeconds * 1000L : Math.min(30_000, seconds * 1000L / 3);
        }
    }

    /** The result. */
    public record Result(int rate, boolean probesOnly, boolean cellsMeasured, Percentiles cells,
            Percentiles leadState, long missingCells, long missingLeadState) {

        public String finalLine() {
            Percentiles head = cellsMeasured ? cells : leadState;
            return String.format(Locale.ROOT, "latency: p50 %.0f ms, p99 %.0f ms at %d events/s (%s; %s; lead-state p50"
                    + " %.0f ms, p99 %.0f ms)", head.p50(), head.p99(), rate, probesOnly ? "every event a new lead"
                    : "1 new lead in " + PROBE_EVERY + ", the rest activities and stage moves", cellsMeasured
                    ? "stage-flow cells" : "lead-state, no owner dimension for cells", leadState.p50(), leadState.p99());
        }
    }

    /** In the default mix, one event in this many is a measured new lead. */
    public static final int PROBE_EVERY = 10;

    static final Duration DRAIN = Duration.ofSeconds(30);

    private final Options options;
    private final Progress progress;

    public LatencyBench(Options options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    public Result run() throws Exception {
        try (WorkDir work = new WorkDir("latency");
                BenchCluster cluster = BenchCluster.open(options.bootstrapServers(), options.registryUrl(), work.path(),
                        progress)) {
            BenchApps apps = new BenchApps(cluster, options.config(), work.path(), options.partitions());
            Topics topics = apps.topics();
            Map<String, String> kafka = new HashMap<>(BenchApps.threads(options.threads()));
            if (options.lowLatency()) {
                kafka.putAll(ClientSettings.LOW_LATENCY);
            }
            if (options.breakdown()) {
                kafka.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG),
                        LatencyStages.Polled.class.getName());
            }
            AppConfig config = apps.config("latency", kafka, null);
            apps.preflight(config);
            Properties settings = ClientSettings.streams(config);
            progress.line("pipeline settings: commit.interval.ms %s, statestore.cache.max.bytes %s, delta buffer"
                    + " flushed before each commit%s%s", settings.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG),
                    settings.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG),
                    config.flushIntervalMs() == 0 ? "" : " and every " + config.flushIntervalMs() + " ms",
                    options.lowLatency() ? " (--low-latency)" : " (defaults)");
            boolean cells = config.funnel().dimensions().contains(Dimension.OWNER);
            SerdeFactory serdes = SerdeFactory.of(config.registry());
            try (FunnelStreamsApp app = FunnelStreamsApp.start(config, topics)) {
                BenchApps.awaitRunning("pipeline", app.streams());
                progress.line("pipeline RUNNING, %s", BenchApps.liveThreads(app.streams()));
                Result r = measure(config, topics, serdes, cells, app.streams());
                progress.line("stream threads: %s", commitTimes(app.streams()));
                return r;
            }
        }
    }

    private Result measure(AppConfig config, Topics topics, SerdeFactory serdes, boolean cells, KafkaStreams streams)
            throws Exception {
        String tag = Long.toString(System.currentTimeMillis(), 36);
        String stage = config.funnel().firstStage().id();
        int total = options.rate() * options.seconds();
        int every = options.probesOnly() ? 1 : PROBE_EVERY;
        int probes = (total + every - 1) / every;
        long warmupNanos = TimeUnit.MILLISECONDS.toNanos(options.warmupMillis());
        long[] sentAt = new long[probes];
        double[] leadLatency = new double[probes];
        double[] cellLatency = new double[probes];
        String leadPrefix = "lat-" + tag + "-";
        EventMix mix = new EventMix(config.funnel(), leadPrefix, new java.util.Random(tag.hashCode()));
        java.util.Arrays.fill(leadLatency, -1);
        java.util.Arrays.fill(cellLatency, -1);
        Map<String, Integer> leadIndex = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();

        Map<String, Object> cp = ClientSettings.common(config);
        cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Deserializer<LeadStateKey> leadKeys = serdes.key(LeadStateKey.class).deserializer();
        Deserializer<StageFlowKey> cellKeys = serdes.key(StageFlowKey.class).deserializer();
        String ownerPrefix = "lat-owner-" + tag + "-";
        try (KafkaConsumer<byte[], byte[]> consumer = atEnd(cp, List.of(topics.leadState(), topics.stageFlow()))) {
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                        long now = System.nanoTime();
                        if (r.topic().equals(topics.leadState())) {
                            Integer i = leadIndex.get(leadKeys.deserialize(r.topic(), r.key()).getLeadId());
                            if (i != null && leadLatency[i] < 0) {
                                leadLatency[i] = (now - sentAt[i]) / 1e6;
                            }
                        } else {
                            StageFlowKey k = cellKeys.deserialize(r.topic(), r.key());
                            if (k.getDimension().equals(Dimension.OWNER.key()) && k.getDimensionValue()
                                    .startsWith(ownerPrefix)) {
                                int i = Integer.parseInt(k.getDimensionValue().substring(ownerPrefix.length()));
                                if (leadIndex.containsKey(leadPrefix + i) && cellLatency[i] < 0) {
                                    cellLatency[i] = (now - sentAt[i]) / 1e6;
                                }
                            }
                        }
                    }
                }
            }, "latency-reader");
            reader.start();
            LatencyStages stages = options.breakdown() ? new LatencyStages(sentAt, leadIndex, topics.leadEvents(),
                    leadPrefix, ownerPrefix) : null;
            if (stages != null) {
                LatencyStages.Polled.stages = stages;
                stages.start(cp, topics, leadKeys, streams);
            }

            Map<String, Object> pp = ClientSettings.producer(config);
            pp.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            Serializer<LeadEvent> values = serdes.value(LeadEvent.class).serializer();
            StringSerializer keys = new StringSerializer();
            progress.line("producing %,d events at %,d/s for %d s, %,d of them measured new leads (the first %.0f s"
                    + " are warm-up)", total, options.rate(), options.seconds(), probes, warmupNanos / 1e9);
            long start;
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp, new org.apache.kafka.common
                    .serialization.ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
                start = System.nanoTime();
                long period = 1_000_000_000L / options.rate();
                long lastReport = start;
                long lastProcessed = processed(streams);
                for (int i = 0; i < total; i++) {
                    long due = start + i * period;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (i % every != 0) {
                        LeadEvent event = mix.next("e-" + i, Instant.now());
                        producer.send(new ProducerRecord<>(topics.leadEvents(),
                                keys.serialize(topics.leadEvents(), event.getLeadId()),
                                values.serialize(topics.leadEvents(), event)));
                        continue;
                    }
                    int p = i / every;
                    String leadId = leadPrefix + p;
                    LeadEvent event = LeadEvent.newBuilder().setEventId("e-" + i).setLeadId(leadId)
                            .setOccurredAt(Instant.now())
                            .setPayload(LeadCreated.newBuilder().setChannel("bench").setOwner(ownerPrefix + p)
                                    .setStage(stage).build())
                            .build();
                    byte[] key = keys.serialize(topics.leadEvents(), leadId);
                    byte[] value = values.serialize(topics.leadEvents(), event);
                    sentAt[p] = System.nanoTime();
                    // published through the map: the reader reads sentAt[p] only after it found the lead there
                    leadIndex.put(leadId, p);
                    producer.send(new ProducerRecord<>(topics.leadEvents(), key, value),
                            stages == null ? null : stages.acked(p));
                    mix.created();
                    if (sentAt[p] - lastReport > 5_000_000_000L) {
                        long nowProcessed = processed(streams);
                        progress.line("%,d events produced; lead-state seen %,d, cells seen %,d; the stream threads"
                                + " processed %,.0f records/s (events and cell deltas)", i + 1, count(leadLatency),
                                count(cellLatency), (nowProcessed - lastProcessed) / ((sentAt[p] - lastReport) / 1e9));
                        lastReport = sentAt[p];
                        lastProcessed = nowProcessed;
                    }
                }
                producer.flush();
            }
            long produced = System.nanoTime();
            progress.line("produced %,d events in %.1f s (%.0f/s); waiting up to %d s for the last outputs", total,
                    (produced - start) / 1e9, total / ((produced - start) / 1e9), DRAIN.toSeconds());
            long deadline = produced + DRAIN.toNanos();
            while (System.nanoTime() < deadline && (count(leadLatency) < probes
                    || (cells && count(cellLatency) < probes))) {
                Thread.sleep(100);
            }
            stop.set(true);
            reader.join();
            if (stages != null) {
                stages.close();
            }
            long end = System.nanoTime();

            long from = start + warmupNanos;
            long missingLead = missing(leadLatency, sentAt, from);
            long missingCells = missing(cellLatency, sentAt, from);
            Result r = new Result(options.rate(), options.probesOnly(), cells, Percentiles.of(measured(cellLatency, sentAt, from, end)),
                    Percentiles.of(measured(leadLatency, sentAt, from, end)), missingCells, missingLead);
            progress.line("funnel.lead-state: %s; %,d not seen by the end of the wait", r.leadState().describe(),
                    r.missingLeadState());
            if (r.missingLeadState() + r.missingCells() > 0) {
                progress.line("events not seen count with the time until the wait ended, a lower bound: the pipeline"
                        + " did not keep up with %,d events/s", options.rate());
            }
            if (cells) {
                progress.line("funnel.stage-flow (owner cells): %s; %,d not seen by the end of the wait",
                        r.cells().describe(), r.missingCells());
            } else {
                progress.line("funnel.stage-flow: not measured (the config has no owner dimension)");
            }
            if (stages != null) {
                stages.describe(from, leadLatency).forEach(line -> progress.line("%s", line));
            }
            return r;
        }
    }

    /**
     * A consumer with {@code props} assigned every partition of {@code topics} at their ends (positions resolved
     * now, so that it reads only what is written after this call).
     */
    static KafkaConsumer<byte[], byte[]> atEnd(Map<String, Object> props, List<String> topics) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        for (String t : topics) {
            consumer.partitionsFor(t).forEach(p -> parts.add(new TopicPartition(t, p.partition())));
        }
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position);
        return consumer;
    }

    /**
     * Where a commit's time goes, from the app's own metrics: the stream threads' commit latency (average and
     * maximum over the metrics window, ms) and the producers' totals for flushing and committing transactions.
     */
    static String commitTimes(KafkaStreams streams) {
        Map<String, Double> thread = new TreeMap<>();
        Map<String, Double> producer = new TreeMap<>();
        streams.metrics().forEach((name, metric) -> {
            if (!(metric.metricValue() instanceof Double v) || v.isNaN()) {
                return;
            }
            if (name.group().equals("stream-thread-metrics") && List.of("commit-latency-avg", "commit-latency-max",
                    "commit-rate", "poll-latency-avg", "process-latency-avg").contains(name.name())) {
                thread.merge(name.name(), v, Math::max);
            } else if (name.group().equals("producer-metrics") && name.name().endsWith("-time-ns-total")) {
                producer.merge(name.name(), v / 1e6, Double::sum);
            }
        });
        StringBuilder out = new StringBuilder();
        thread.forEach((k, v) -> out.append(String.format(Locale.ROOT, "%s %.2f, ", k, v)));
        producer.forEach((k, v) -> out.append(String.format(Locale.ROOT, "%s %.0f ms, ",
                k.replace("-time-ns-total", ""), v)));
        return out.length() == 0 ? "no metrics" : out.substring(0, out.length() - 2);
    }

    /**
     * Records the stream threads have processed so far, in all tasks (an input event and the repartition records
     * it causes each count): the progress lines show the pipeline's start-up ramp with it.
     */
    static long processed(KafkaStreams streams) {
        double total = 0;
        for (var e : streams.metrics().entrySet()) {
            if (e.getKey().group().equals("stream-thread-metrics") && e.getKey().name().equals("process-total")
                    && e.getValue().metricValue() instanceof Double v) {
                total += v;
            }
        }
        return (long) total;
    }

    private static long count(double[] latencies) {
        long n = 0;
        for (double l : latencies) {
            if (l >= 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * The latencies of the events sent at or after {@code from}; an event not seen counts with the time from its send
     * to {@code end} (a lower bound), so that a pipeline that falls behind does not look fast by leaving out its slowest
     * events.
     */
    private static double[] measured(double[] latencies, long[] sentAt, long from, long end) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < latencies.length; i++) {
            if (sentAt[i] >= from) {
                out.add(latencies[i] >= 0 ? latencies[i] : (end - sentAt[i]) / 1e6);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static long missing(double[] latencies, long[] sentAt, long from) {
        long n = 0;
        for (int i = 0; i < latencies.length; i++) {
            if (sentAt[i] >= from && latencies[i] < 0) {
                n++;
            }
        }
        return n;
    }
}
