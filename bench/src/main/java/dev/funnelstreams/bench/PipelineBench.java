package dev.funnelstreams.bench;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.generate.FunnelGenerator;
import dev.funnelstreams.core.generate.GeneratorOptions;
import dev.funnelstreams.core.generate.LineSink;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.ClientSettings;
import dev.funnelstreams.streams.runtime.EventProducer;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * {@code funnel bench pipeline}: events/s through the real pipeline beside a pass-through topology (the same input
 * bytes read and written to one topic, nothing else; run {@value #PASS_THROUGH_RUNS} times, the median compared), in
 * one run, on the same pre-loaded input topics, all exactly_once_v2 with the app's client settings. The rate is the
 * sustained one ({@link SustainedRate}); the records each run wrote per input event come from {@link WrittenRecords}.
 */
public final class PipelineBench {

    /** What the command was asked; {@code threads} null: the app's. */
    public record Options(long events, Integer threads, int partitions, Path config, String bootstrapServers,
            String registryUrl) {
    }

    /** One app's run. */
    public record Run(String name, double startupSeconds, double totalSeconds, SustainedRate.Rate rate,
            Map<String, WrittenRecords.Topic> written) {
    }

    /** The result: the compared pass-through run, the store floor and the pipeline. */
    public record Result(long inputs, Run passThrough, Run storeFloor, Run pipeline) {

        public double ratio() {
            return pipeline.rate().perSecond() / passThrough.rate().perSecond();
        }

        /** The store floor's rate over the pass-through's: what one store access per event leaves of it. */
        public double floorRatio() {
            return storeFloor.rate().perSecond() / passThrough.rate().perSecond();
        }

        public String finalLine() {
            return String.format(Locale.ROOT, "pipeline: %.0f events/s, pass-through %.0f events/s, ratio %.3f",
                    pipeline.rate().perSecond(), passThrough.rate().perSecond(), ratio());
        }
    }

    static final String PASS_THROUGH_TOPIC = "bench.pass-through";
    static final String STORE_FLOOR_TOPIC = "bench.store-floor";
    static final String STORE_FLOOR_STORE = "bench-leads";
    /** Pass-through runs per benchmark; the median one is compared. */
    static final int PASS_THROUGH_RUNS = 3;
    /** Caught up = committed at the end this long: more than a commit interval (500 ms by default) and a commit. */
    static final long QUIET_MS = 2_000;

    private final Options options;
    private final Progress progress;

    public PipelineBench(Options options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    public Result run() throws Exception {
        try (WorkDir work = new WorkDir("pipeline");
                BenchCluster cluster = BenchCluster.open(options.bootstrapServers(), options.registryUrl(), work.path(),
                        progress)) {
            BenchApps apps = new BenchApps(cluster, options.config(), work.path(), options.partitions());
            Topics topics = apps.topics();
            AppConfig pipeline = apps.config("pipeline", BenchApps.threads(options.threads()), null);
            apps.preflight(pipeline);
            String passTopic = apps.topic(PASS_THROUGH_TOPIC);
            String floorTopic = apps.topic(STORE_FLOOR_TOPIC);
            TopicAdmin.createMissing(pipeline, topics);
            try (Admin admin = Admin.create(ClientSettings.common(pipeline))) {
                Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                List<NewTopic> missing = new ArrayList<>();
                for (String t : List.of(passTopic, floorTopic)) {
                    if (!existing.contains(t)) {
                        missing.add(new NewTopic(t, pipeline.partitions(), pipeline.replicationFactor()));
                    }
                }
                if (!missing.isEmpty()) {
                    admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                    TopicAdmin.awaitWritable(admin, missing.stream().map(NewTopic::name).toList());
                }
            }

            Path events = work.path().resolve("events.jsonl");
            long lines = generate(pipeline, options.events(), events);
            long t0 = System.nanoTime();
            EventProducer.Summary produced = new EventProducer(pipeline, topics,
                    SerdeFactory.of(pipeline.registry()), Clock.systemUTC()).produce(events);
            long inputs = produced.leadEvents() + produced.spend();
            progress.line("pre-loaded %,d input records (%,d generated lines, %d rejected) in %.1f s", inputs, lines,
                    produced.rejected().size(), (System.nanoTime() - t0) / 1e9);
            Files.delete(events);

            // A pass-through run is a few seconds, a few commits: its rate varies from run to run, so it runs
            // PASS_THROUGH_RUNS times (each under its own application id, from the start of the input) and the
            // median run is the one compared.
            List<Run> passRuns = new ArrayList<>();
            for (int i = 1; i <= PASS_THROUGH_RUNS; i++) {
                AppConfig pass = apps.config("pass-through-" + i, BenchApps.threads(options.threads()), null);
                passRuns.add(time("pass-through " + i + "/" + PASS_THROUGH_RUNS, pass, topics, List.of(), inputs,
                        starter(passThrough(topics, passTopic), pass)));
            }
            Run passRun = median(passRuns);
            // what per-lead state costs in Kafka Streams itself, before any funnel logic
            AppConfig floor = apps.config("store-floor", BenchApps.threads(options.threads()), null);
            Run floorRun = time("store floor", floor, topics, List.of(), inputs,
                    starter(storeFloor(topics, floorTopic), floor));
            Run pipeRun = time("pipeline", pipeline, topics, List.of(BenchApps.repartitionTopic(pipeline
                    .applicationId())), inputs, () -> {
                        FunnelStreamsApp app = FunnelStreamsApp.start(pipeline, topics);
                        return new Started(app.streams(), app::close);
                    });
            Result r = new Result(inputs, passRun, floorRun, pipeRun);
            progress.raw("| topology | input records | start-up s | caught up s | sustained events/s | measured over |");
            progress.raw("| --- | ---: | ---: | ---: | ---: | --- |");
            List<Run> all = new ArrayList<>(passRuns);
            all.add(floorRun);
            all.add(pipeRun);
            for (Run run : all) {
                progress.raw("| %s | %,d | %.1f | %.1f | %,.0f | %s |", run.name(), inputs, run.startupSeconds(),
                        run.totalSeconds(), run.rate().perSecond(), run.rate().how());
            }
            progress.raw("pass-through compared: %s (the median of %d runs)", passRun.name(), PASS_THROUGH_RUNS);
            progress.raw("records written per input event: pipeline %.2f, pass-through %.2f, store floor %.2f (tables"
                    + " above)", WrittenRecords.perEvent(pipeRun.written(), inputs),
                    WrittenRecords.perEvent(passRun.written(), inputs), WrittenRecords.perEvent(floorRun.written(),
                            inputs));
            progress.raw("store floor: %.3f of the pass-through; the pipeline: %.3f of the store floor",
                    r.floorRatio(), pipeRun.rate().perSecond() / floorRun.rate().perSecond());
            progress.raw("guarantee %s, %d partitions, %s stream thread(s), commit.interval.ms %s",
                    pipeline.processingGuarantee(), pipeline.partitions(),
                    pipeline.kafka().getOrDefault("num.stream.threads", "1"),
                    ClientSettings.streams(pipeline).get("commit.interval.ms"));
            if (!cluster.embedded()) {
                progress.line("left on the cluster: topics and application ids starting with %s",
                        apps.topic("").isEmpty() ? "(none)" : apps.topic(""));
            }
            return r;
        }
    }

    /** The run with the median sustained rate (of an odd number of runs). */
    static Run median(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(r -> r.rate().perSecond()));
        return sorted.get(sorted.size() / 2);
    }

    /** A started app and how to stop it. */
    private record Started(KafkaStreams streams, Runnable close) {
    }

    private interface Starter {
        Started start() throws Exception;
    }

    /** Starts {@code topology} as an app of its own with the app's client settings. */
    private static Starter starter(Topology topology, AppConfig config) {
        return () -> {
            KafkaStreams s = new KafkaStreams(topology, ClientSettings.streams(config));
            s.start();
            return new Started(s, s::close);
        };
    }

    private Run time(String name, AppConfig config, Topics topics, List<String> downstream, long inputs,
            Starter starter) throws Exception {
        try (Admin admin = Admin.create(ClientSettings.common(config))) {
            Offsets offsets = new Offsets(admin);
            Set<String> all = new HashSet<>(offsets.topics());
            Map<TopicPartition, Long> before = offsets.ends(all);
            progress.line("%s: starting (application id %s)", name, config.applicationId());
            JvmTimes jvmBefore = JvmTimes.now();
            long t0 = System.nanoTime();
            Started started = starter.start();
            Map<MetricName, ? extends Metric> metrics;
            long runningAt;
            long doneAt;
            SustainedRate rate = new SustainedRate(inputs);
            try {
                // committed offsets are sampled from the start, not from RUNNING: with more than one stream thread
                // the client can be REBALANCING (a thread still joining) while the first one works off the input
                runningAt = -1;
                long streak = -1;
                long lastReport = t0;
                while (true) {
                    KafkaStreams.State state = started.streams().state();
                    if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                        throw new IllegalStateException(name + " stopped with state " + state);
                    }
                    long now = System.nanoTime();
                    if (runningAt < 0 && state == KafkaStreams.State.RUNNING) {
                        runningAt = now;
                        progress.line("%s: RUNNING after %.1f s, %s", name, (runningAt - t0) / 1e9,
                                BenchApps.liveThreads(started.streams()));
                    }
                    long committed = offsets.committedSum(config.applicationId(), topics.inputs());
                    rate.add(now, committed);
                    boolean done = committed >= inputs
                            && (downstream.isEmpty() || offsets.caughtUp(config.applicationId(), downstream, 1));
                    streak = done ? (streak < 0 ? now : streak) : -1;
                    if (runningAt >= 0 && streak >= 0 && now - streak >= QUIET_MS * 1_000_000L) {
                        doneAt = streak;
                        break;
                    }
                    if (now - lastReport > 10_000_000_000L) {
                        lastReport = now;
                        progress.line("%s: %,d of %,d input records committed (%.0f %%)", name, committed, inputs,
                                100.0 * committed / inputs);
                    }
                    Thread.sleep(100);
                }
                metrics = Map.copyOf(started.streams().metrics());
                progress.line("%s: %s (the embedded broker's included)", name, JvmTimes.now().since(jvmBefore)
                        .describe(Runtime.getRuntime().availableProcessors()));
            } finally {
                started.close().run();
            }
            Map<TopicPartition, Long> after = offsets.ends(offsets.topics());
            before.keySet().removeIf(tp -> topics.inputs().contains(tp.topic()));
            after.keySet().removeIf(tp -> topics.inputs().contains(tp.topic()));
            Map<String, WrittenRecords.Topic> written = WrittenRecords.of(before, after, metrics);
            SustainedRate.Rate r = rate.rate(t0, doneAt);
            progress.line("%s: caught up after %.1f s; sustained %,.0f events/s (%s)", name, (doneAt - t0) / 1e9,
                    r.perSecond(), r.how());
            WrittenRecords.print(progress, name, written, inputs);
            return new Run(name, (runningAt - t0) / 1e9, (doneAt - t0) / 1e9, r, written);
        }
    }

    static Topology passThrough(Topics topics, String outputTopic) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(topics.inputs(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-source"))
                .to(outputTopic, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-sink"));
        return b.build();
    }

    /**
     * The pass-through plus what every per-lead-state topology pays in Kafka Streams before any logic of its own: per
     * record one look-up and one write of a persistent, cached, changelogged store under the record's key (the
     * leadId of a lead event), the record's bytes as the value (about a lead record's size), and the record
     * forwarded to one topic. No decoding, no funnel rules.
     */
    static Topology storeFloor(Topics topics, String outputTopic) {
        StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_FLOOR_STORE), Serdes.Bytes(),
                Serdes.ByteArray()).withCachingEnabled());
        b.stream(topics.inputs(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-source"))
                .process(OneStore::new, Named.as("bench-one-store"), STORE_FLOOR_STORE)
                .to(outputTopic, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-sink"));
        return b.build();
    }

    /** The store floor's processor: one get and one put per keyed record, every record forwarded. */
    private static final class OneStore implements Processor<byte[], byte[], byte[], byte[]> {

        private ProcessorContext<byte[], byte[]> context;
        private KeyValueStore<Bytes, byte[]> store;

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE_FLOOR_STORE);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            if (record.key() != null) {
                Bytes key = Bytes.wrap(record.key());
                store.get(key); // the look-up a lead's step starts with (its value is not needed here)
                store.put(key, record.value());
            }
            context.forward(record);
        }
    }

    /** {@code target} generated lines at most, written to {@code file}. */
    private long generate(AppConfig config, long target, Path file) throws Exception {
        long n;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            n = generate(config.funnel(), target, line -> {
                out.write(line);
                out.newLine();
            });
        }
        progress.line("generated %s", generated(n, target));
        return n;
    }

    /**
     * The benchmark's input, also {@code bench steps}'s: the first {@code target} lines generated for {@code target} / 5
     * leads (at least 10; seed 1, 300 days from 2025-01-06), each handed to {@code sink}; returns how many.
     */
    static long generate(FunnelConfig funnel, long target, LineSink sink) throws IOException {
        long[] n = {0};
        new FunnelGenerator(funnel, new GeneratorOptions(1, leads(target), LocalDate.of(2025, 1, 6), 300))
                .generate(line -> {
                    if (n[0] < target) {
                        sink.accept(line);
                        n[0]++;
                    }
                });
        return n[0];
    }

    /** What {@link #generate(FunnelConfig, long, LineSink)} made, for a progress line. */
    static String generated(long lines, long target) {
        return String.format(Locale.ROOT, "%,d lines (seed 1, %,d leads over 300 days from 2025-01-06)", lines,
                leads(target));
    }

    private static int leads(long target) {
        return (int) Math.max(10, target / 5);
    }

}
