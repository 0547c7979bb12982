package dev.funnelstreams.streams.bench;

import dev.funnelstreams.core.generate.FunnelGenerator;
import dev.funnelstreams.core.generate.GeneratorOptions;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.AppConfigLoader;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.ClientSettings;
import dev.funnelstreams.streams.runtime.EventProducer;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import dev.funnelstreams.testkit.ApicurioRegistry;
import dev.funnelstreams.testkit.EmbeddedKafkaBroker;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Events/s through the real pipeline beside a pass-through topology (the same input bytes read and
 * written back, nothing else), in one run, on the same pre-loaded input topics, both
 * exactly_once_v2 with the app's client settings, on the in-JVM broker and Apicurio. Each app's
 * clock runs from {@code start()} until its committed offsets reach the end of the inputs (and,
 * for the pipeline, of its repartition topic); start-up (until RUNNING) is measured and
 * subtracted. Not part of {@code verify}; see docs/benchmarks.md for the command.
 */
public final class PipelineThroughputBenchmark {

    private PipelineThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path work = Files.createTempDirectory("funnel-pipeline-bench");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                ApicurioRegistry registry = ApicurioRegistry.start()) {
            AppConfig pipeline = config(broker.bootstrapServers(), registry.registryUrl(), "bench-pipeline", work);
            Topics topics = Topics.defaults();
            SerdeFactory serdes = SerdeFactory.of(pipeline.registry());
            TopicAdmin.createMissing(pipeline, topics);
            broker.createTopic("bench.pass-through", pipeline.partitions(), Map.of());

            Path events = work.resolve("events.jsonl");
            int lines = generate(pipeline, target, events);
            long t0 = System.nanoTime();
            EventProducer.Summary produced = new EventProducer(pipeline, topics, serdes, Clock.systemUTC())
                    .produce(events);
            long inputs = produced.leadEvents() + produced.spend();
            System.out.printf("pre-loaded %,d input records (%,d lines, %d rejected) in %.1f s%n", inputs, lines,
                    produced.rejected().size(), (System.nanoTime() - t0) / 1e9);

            AppConfig passConfig = config(broker.bootstrapServers(), registry.registryUrl(), "bench-pass", work);
            Run pass = timeRun("pass-through", passConfig, topics, List.of(), () -> {
                KafkaStreams s = new KafkaStreams(passThrough(topics), streamsProps(passConfig));
                s.start();
                return new Started(s, s::close);
            });
            Run full = timeRun("pipeline", pipeline, topics,
                    List.of(pipeline.applicationId() + "-cell-deltas-repartition"), () -> {
                        FunnelStreamsApp app = FunnelStreamsApp.start(pipeline, topics);
                        return new Started(app.streams(), app::close);
                    });

            System.out.println();
            System.out.printf("| topology | input records | start-up s | processing s | events/s |%n");
            System.out.printf("| --- | ---: | ---: | ---: | ---: |%n");
            for (Run r : List.of(pass, full)) {
                System.out.printf("| %s | %,d | %.1f | %.1f | %,.0f |%n", r.name(), inputs, r.startupSeconds(),
                        r.processingSeconds(), inputs / r.processingSeconds());
            }
            System.out.printf("ratio pipeline / pass-through: %.3f (guarantee %s, %d partitions, %s stream threads)%n",
                    pass.processingSeconds() / full.processingSeconds(), pipeline.processingGuarantee(),
                    pipeline.partitions(), pipeline.kafka().getOrDefault("num.stream.threads", "1"));
        }
    }

    /** A started app and how to stop it. */
    record Started(KafkaStreams streams, Runnable close) {
    }

    interface Starter {
        Started start() throws Exception;
    }

    record Run(String name, double startupSeconds, double totalSeconds) {

        double processingSeconds() {
            return totalSeconds - startupSeconds;
        }
    }

    private static Run timeRun(String name, AppConfig config, Topics topics, List<String> downstream, Starter starter)
            throws Exception {
        try (Admin admin = Admin.create(ClientSettings.common(config))) {
            long t0 = System.nanoTime();
            Started started = starter.start();
            while (started.streams().state() != KafkaStreams.State.RUNNING) {
                if (started.streams().state() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException(name + " failed to start");
                }
                Thread.sleep(20);
            }
            long runningAt = System.nanoTime();
            try {
                while (!caughtUp(admin, config, topics.inputs(), 0)) {
                    Thread.sleep(200);
                }
                if (!downstream.isEmpty()) {
                    // the buffer flushes on a punctuation: the last deltas are downstream after the inputs
                    while (!caughtUp(admin, config, downstream, 1)) {
                        Thread.sleep(200);
                    }
                }
                long done = System.nanoTime();
                Run r = new Run(name, (runningAt - t0) / 1e9, (done - t0) / 1e9);
                System.out.printf("%s: RUNNING after %.1f s, caught up after %.1f s%n", name, r.startupSeconds(),
                        r.totalSeconds());
                return r;
            } finally {
                started.close().run();
            }
        }
    }

    private static boolean caughtUp(Admin admin, AppConfig config, List<String> topics, int slack) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.applicationId())
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
                .forEach(p -> ask.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        return admin.listOffsets(ask).all().get().entrySet().stream().allMatch(e -> {
            long end = e.getValue().offset();
            OffsetAndMetadata c = committed.get(e.getKey());
            return end == 0 || (c != null && c.offset() >= end - slack);
        });
    }

    private static Topology passThrough(Topics topics) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(topics.inputs(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-source"))
                .to("bench.pass-through", Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-sink"));
        return b.build();
    }

    private static Properties streamsProps(AppConfig config) {
        Properties p = ClientSettings.streams(config);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        return p;
    }

    private static AppConfig config(String bootstrap, String registryUrl, String applicationId, Path work)
            throws Exception {
        String yaml;
        try (var in = PipelineThroughputBenchmark.class.getResourceAsStream("/funnel.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // -Dbench.threads=N: num.stream.threads for both topologies (the app's default is Kafka's 1)
        String threads = System.getProperty("bench.threads");
        if (threads != null) {
            yaml += "\nstreams:\n  kafka:\n    num.stream.threads: " + Integer.parseInt(threads) + "\n";
        }
        return AppConfigLoader.parse(yaml, new AppConfigLoader.Overrides(bootstrap, registryUrl, applicationId,
                work.resolve("state-" + applicationId), 3, (short) 1).withHttp(null, 0, null));
    }

    /** At least {@code target} generated lines (whole leads), in the past, to {@code file}. */
    private static int generate(AppConfig config, int target, Path file) throws Exception {
        int[] n = {0};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            int leads = Math.max(10, target / 5);
            new FunnelGenerator(config.funnel(), new GeneratorOptions(1, leads, LocalDate.of(2025, 1, 6), 300))
                    .generate(line -> {
                        if (n[0] < target) {
                            out.write(line);
                            out.newLine();
                            n[0]++;
                        }
                    });
        }
        return n[0];
    }
}
