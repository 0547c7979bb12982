package dev.funnelstreams.bench;

import dev.funnelstreams.avro.ActivityLogged;
import dev.funnelstreams.avro.LeadCreated;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.ClientSettings;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code funnel bench restart}: how long the app takes to come back. State for N leads is built first (one minimal
 * LeadCreated per lead, processed by the app in a child JVM, {@link RestartChild}). Then, per mode, the child is
 * stopped (SIGTERM: a clean close; SIGKILL with the state directory kept; or a clean close and the state directory
 * deleted, so every store is restored from its changelog), a small batch of events for existing leads is produced
 * while it is down (1 % of the leads, 100..10,000), and a new child is started. Two clocks from the new process's
 * start: RUNNING (Kafka Streams' state; restoration may go on after it) and caught up (the down-time batch processed:
 * committed offsets at the end of the inputs and of the repartition topic, held for 2 s).
 */
public final class RestartBench {

    /** The stop-and-start modes. */
    public enum Mode {
        CLEAN("clean", "clean stop"), KILL("kill", "kill, state kept"), LOST_STATE("lost-state", "state deleted");

        final String option;
        final String label;

        Mode(String option, String label) {
            this.option = option;
            this.label = label;
        }

        public static List<Mode> parse(String option) {
            if (option.equals("all")) {
                return List.of(values());
            }
            for (Mode m : values()) {
                if (m.option.equals(option)) {
                    return List.of(m);
                }
            }
            throw new IllegalArgumentException("--mode must be clean, kill, lost-state or all (got " + option + ")");
        }
    }

    /** What the command was asked. */
    public record Options(int leads, List<Mode> modes, Integer threads, int partitions, Path config,
            String bootstrapServers, String registryUrl) {
    }

    /** One mode's clocks. */
    public record Restart(Mode mode, double runningSeconds, double caughtUpSeconds) {

        String line(boolean named) {
            return String.format(Locale.ROOT, "restart%s: running after %.1f s, caught up after %.1f s",
                    named ? " (" + mode.label + ")" : "", runningSeconds, caughtUpSeconds);
        }
    }

    /** The result: one line per mode. */
    public record Result(double buildSeconds, List<Restart> restarts) {

        public String finalLines() {
            boolean named = restarts.size() > 1;
            return String.join(System.lineSeparator(), restarts.stream().map(r -> r.line(named)).toList());
        }
    }

    static final String APP = "restart";
    static final long QUIET_MS = 2_000;

    private final Options options;
    private final Progress progress;

    public RestartBench(Options options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    public Result run() throws Exception {
        try (WorkDir work = new WorkDir("restart");
                BenchCluster cluster = BenchCluster.open(options.bootstrapServers(), options.registryUrl(), work.path(),
                        progress)) {
            BenchApps apps = new BenchApps(cluster, options.config(), work.path(), options.partitions());
            Topics topics = apps.topics();
            AppConfig config = apps.config(APP, BenchApps.threads(options.threads()), null);
            apps.preflight(config);
            TopicAdmin.createMissing(config, topics);
            SerdeFactory serdes = SerdeFactory.of(config.registry());
            try (Admin admin = Admin.create(ClientSettings.common(config));
                    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ClientSettings.producer(config),
                            new ByteArraySerializer(), new ByteArraySerializer())) {
                Events events = new Events(producer, topics, serdes, config.funnel().firstStage().id());
                long t0 = System.nanoTime();
                events.leads(options.leads(), progress);
                progress.line("produced %,d LeadCreated events in %.1f s", options.leads(), (System.nanoTime() - t0) / 1e9);

                List<String> downstream = List.of(BenchApps.repartitionTopic(config.applicationId()));
                Child child = Child.start(apps, cluster, config, options.threads(), work.path(), 0);
                Restart built = child.await(admin, config, topics, downstream);
                progress.line("state built: %,d leads processed, caught up %.1f s after the start (RUNNING after %.1f s)",
                        options.leads(), built.caughtUpSeconds(), built.runningSeconds());
                List<Restart> out = new ArrayList<>();
                int run = 1;
                int batch = Math.max(100, Math.min(10_000, options.leads() / 100));
                for (Mode mode : options.modes()) {
                    child.stop(mode);
                    progress.line("%s: stopped the app (%s)", mode.option, mode == Mode.KILL ? "SIGKILL"
                            : mode == Mode.CLEAN ? "SIGTERM, clean close" : "SIGTERM, clean close; state dir deleted");
                    if (mode == Mode.LOST_STATE) {
                        WorkDir.delete(config.stateDir());
                    }
                    events.activities(batch, options.leads(), run);
                    progress.line("%s: produced %,d ActivityLogged events for existing leads while it was down",
                            mode.option, batch);
                    child = Child.start(apps, cluster, config, options.threads(), work.path(), run++);
                    Restart r = child.await(admin, config, topics, downstream);
                    Restart named = new Restart(mode, r.runningSeconds(), r.caughtUpSeconds());
                    progress.line("%s", named.line(true));
                    out.add(named);
                }
                child.stop(Mode.CLEAN);
                return new Result(built.caughtUpSeconds(), out);
            }
        }
    }

    /** The events of the benchmark, Avro-encoded as the app reads them. */
    private static final class Events {

        private static final String[] OWNERS = {"zhang.wei", "li.na", "wang.fang", "liu.yang", "chen.jing", "zhao.lei"};
        private static final String[] CHANNELS = {"expo", "online_ads", "referral", "cold_call", "partner"};

        private final KafkaProducer<byte[], byte[]> producer;
        private final Topics topics;
        private final Serializer<LeadEvent> values;
        private final StringSerializer keys = new StringSerializer();
        private final String stage;
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        Events(KafkaProducer<byte[], byte[]> producer, Topics topics, SerdeFactory serdes, String stage) {
            this.producer = producer;
            this.topics = topics;
            this.values = serdes.value(LeadEvent.class).serializer();
            this.stage = stage;
        }

        /** One LeadCreated per lead, spread over the last 60 days. */
        void leads(int n, Progress progress) throws IOException {
            Instant from = Instant.now().minus(Duration.ofDays(60));
            long step = Duration.ofDays(60).toMillis() / Math.max(1, n);
            for (int i = 0; i < n; i++) {
                send("R-" + i, LeadEvent.newBuilder().setEventId("c-" + i).setLeadId("R-" + i)
                        .setOccurredAt(from.plusMillis(i * step))
                        .setPayload(LeadCreated.newBuilder().setChannel(CHANNELS[i % CHANNELS.length])
                                .setOwner(OWNERS[i % OWNERS.length]).setStage(stage).build())
                        .build());
                if (n >= 100_000 && (i + 1) % (n / 10) == 0) {
                    progress.line("produced %,d of %,d leads", i + 1, n);
                }
            }
            flush();
        }

        /** {@code n} ActivityLogged events for leads spread over the {@code leads} existing ones. */
        void activities(int n, int leads, int run) throws IOException {
            Instant now = Instant.now();
            for (int j = 0; j < n; j++) {
                String leadId = "R-" + (int) ((long) j * leads / n);
                send(leadId, LeadEvent.newBuilder().setEventId("a-" + run + "-" + j).setLeadId(leadId).setOccurredAt(now)
                        .setPayload(ActivityLogged.newBuilder().setActivity("call").build()).build());
            }
            flush();
        }

        private void send(String key, LeadEvent event) {
            producer.send(new ProducerRecord<>(topics.leadEvents(), keys.serialize(topics.leadEvents(), key),
                    values.serialize(topics.leadEvents(), event)), (m, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
        }

        private void flush() throws IOException {
            producer.flush();
            if (failure.get() != null) {
                throw new IOException("producing failed: " + failure.get().getMessage(), failure.get());
            }
        }
    }

    /** The app in a child JVM ({@link RestartChild}), its stderr in the work directory. */
    private static final class Child {

        private final Process process;
        private final long startedNanos;
        private final CompletableFuture<Long> running = new CompletableFuture<>();
        private final Path log;

        private Child(Process process, long startedNanos, Path log) {
            this.process = process;
            this.startedNanos = startedNanos;
            this.log = log;
            Thread reader = new Thread(this::readStdout, "restart-child-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(BenchApps apps, BenchCluster cluster, AppConfig config, Integer threads, Path work, int n)
                throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // RocksDB unpacks its native library (14 MB) into java.io.tmpdir and deletes it at exit; a killed
            // child never exits, so its copy is kept in the work directory, which goes at the end.
            command.add("-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("java-tmp")).toAbsolutePath());
            // the logging settings of this JVM (funnel's quiet defaults, --verbose, the user's -D)
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("org.slf4j.simpleLogger."))
                    .filter(k -> !k.endsWith("logFile")).sorted()
                    .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), RestartChild.class.getName(),
                    apps.configFile() == null ? "-" : apps.configFile().toAbsolutePath().toString(),
                    cluster.bootstrapServers(), cluster.registryUrl(), config.applicationId(),
                    config.stateDir().toAbsolutePath().toString(), cluster.embedded() ? "1" : "0",
                    apps.prefix().isEmpty() ? "-" : apps.prefix(), threads == null ? "0" : threads.toString(),
                    String.valueOf(config.partitions())));
            Path log = work.resolve("app-" + n + ".log");
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
            return new Child(p, t0, log);
        }

        private void readStdout() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.equals(RestartChild.RUNNING)) {
                        running.complete(System.nanoTime());
                    }
                }
            } catch (IOException e) {
                running.completeExceptionally(e);
            }
            running.completeExceptionally(new IllegalStateException("the app process ended before RUNNING"));
        }

        /** Waits for RUNNING and caught up; the clocks start at the process start. */
        Restart await(Admin admin, AppConfig config, Topics topics, List<String> downstream) throws Exception {
            long runningAt;
            try {
                runningAt = running.get(30, TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("the app process failed; its log:\n" + tail(), e);
            }
            long caughtUp = BenchApps.awaitCaughtUp(admin, config.applicationId(), topics.inputs(), downstream,
                    QUIET_MS, process::isAlive);
            return new Restart(null, (runningAt - startedNanos) / 1e9, (caughtUp - startedNanos) / 1e9);
        }

        void stop(Mode mode) throws InterruptedException {
            if (mode == Mode.KILL) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }

        private String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }
}
