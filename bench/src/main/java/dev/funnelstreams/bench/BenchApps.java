package dev.funnelstreams.bench;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.AppConfigLoader;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.Preflight;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The apps a benchmark runs: their config (the bundled example funnel or the user's file, with the benchmark's own
 * application id, state directory and settings, HTTP off), their topic names (prefixed by the run on a real
 * cluster), and the two clocks every benchmark reads: until RUNNING, and until the committed offsets are at the end.
 */
public final class BenchApps {

    static final String BUNDLED_CONFIG = "funnel.yaml";

    private final BenchCluster cluster;
    private final String funnelYaml;
    private final String prefix;
    private final Path work;
    private final Path configFile;
    private final int partitions;

    /**
     * @param config     the funnel YAML (sections funnel: and optionally streams:, whose kafka and schemaRegistry
     *                   settings pass through); null: the bundled examples/funnel.yaml
     * @param partitions of the topics the apps create
     */
    public BenchApps(BenchCluster cluster, Path config, Path work, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        this.partitions = partitions;
        this.cluster = cluster;
        this.funnelYaml = config == null ? bundledConfig() : read(config);
        // a real cluster may hold the SPEC's topics already: this run's own names there
        this.prefix = cluster.embedded() ? "" : "bench-" + Long.toString(System.currentTimeMillis(), 36) + ".";
        this.work = work;
        this.configFile = config;
    }

    public Topics topics() {
        return topics(prefix);
    }

    /** The SPEC's topic names with {@code prefix} in front. */
    static Topics topics(String prefix) {
        return Topics.prefixed(prefix);
    }

    /** A topic name of this run (prefixed on a real cluster). */
    public String topic(String name) {
        return prefix + name;
    }

    /**
     * The app config for application {@code name}: state in the work directory, this run's partitions,
     * replication factor 1 on the embedded broker, HTTP off; {@code kafka} settings (e.g. num.stream.threads,
     * commit.interval.ms) on top of the file's {@code streams.kafka}; {@code flushIntervalMs} null keeps the file's
     * value or the default.
     */
    public AppConfig config(String name, Map<String, String> kafka, Long flushIntervalMs) {
        return appConfig(funnelYaml, cluster.bootstrapServers(), cluster.registryUrl(), applicationId(name),
                stateDir(name), partitions, cluster.embedded() ? (short) 1 : null, kafka, flushIntervalMs);
    }

    /** The application id of app {@code name} in this run. */
    public String applicationId(String name) {
        return prefix.isEmpty() ? "funnel-bench-" + name : prefix + name;
    }

    /** The state directory of app {@code name}. */
    public Path stateDir(String name) {
        return work.resolve("state-" + name);
    }

    /** The prefix of this run's topics and application ids ("" on the embedded broker). */
    public String prefix() {
        return prefix;
    }

    /** The user's funnel file, or null for the bundled one. */
    public Path configFile() {
        return configFile;
    }

    /** The funnel YAML the apps run with. */
    public String funnelYaml() {
        return funnelYaml;
    }

    /** The config of {@link #config}, from its parts (also in the restart benchmark's child JVM). */
    static AppConfig appConfig(String funnelYaml, String bootstrap, String registryUrl, String appId, Path stateDir,
            int partitions, Short replicationFactor, Map<String, String> kafka, Long flushIntervalMs) {
        AppConfig base = AppConfigLoader.parse(funnelYaml, new AppConfigLoader.Overrides(bootstrap, registryUrl, appId,
                stateDir, partitions, replicationFactor));
        Map<String, String> k = new HashMap<>(base.kafka());
        k.putAll(kafka);
        return new AppConfig(base.funnel(), base.applicationId(), base.bootstrapServers(), base.stateDir(),
                base.partitions(), base.replicationFactor(), base.processingGuarantee(),
                flushIntervalMs != null ? flushIntervalMs : base.flushIntervalMs(), base.createTopics(), k,
                base.registry(), new AppConfig.Http(false, AppConfig.Http.DEFAULT_HOST, 0, null, null),
                base.alertTimers(), base.leaveGroupOnClose(), base.staticMembership());
    }

    /**
     * On a real cluster: fails with the address when the broker or the registry does not answer (the embedded ones
     * were just started).
     */
    public void preflight(AppConfig config) throws Preflight.Unreachable, InterruptedException {
        if (!cluster.embedded()) {
            Preflight.broker(config);
            Preflight.registry(config, SerdeFactory.of(config.registry()).client());
        }
    }

    /** {@code num.stream.threads} when given. */
    public static Map<String, String> threads(Integer threads) {
        return threads == null ? Map.of() : Map.of("num.stream.threads", Integer.toString(threads));
    }

    /**
     * How many stream threads the app really runs, for the progress line: what the jar on the class path does, not
     * what the config asks for (a stale build of the app once ran two threads where the config left Kafka's one).
     */
    static String liveThreads(KafkaStreams streams) {
        int n = streams.metadataForLocalThreads().size();
        return n + (n == 1 ? " stream thread" : " stream threads");
    }

    /** Waits for RUNNING; fails when the app goes to ERROR or NOT_RUNNING first. */
    public static void awaitRunning(String name, KafkaStreams streams) throws InterruptedException {
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException(name + " stopped before it was RUNNING (state " + streams.state() + ")");
            }
            Thread.sleep(10);
        }
    }

    /**
     * Blocks until {@code group} has committed the inputs to their end and its repartition topics to their end (less
     * the trailing commit marker), and that has held for {@code quietMs} (the delta buffer forwards on a wall-clock
     * punctuation, so right after the input commit its repartition topic can look caught up before the last deltas
     * are in it); returns the nanoTime of the first poll of that quiet streak.
     */
    public static long awaitCaughtUp(Admin admin, String group, List<String> inputs, List<String> downstream,
            long quietMs, java.util.function.BooleanSupplier stillRunning) throws Exception {
        Offsets offsets = new Offsets(admin);
        long streakStart = -1;
        while (true) {
            if (!stillRunning.getAsBoolean()) {
                throw new IllegalStateException(group + " stopped before it caught up");
            }
            long now = System.nanoTime();
            boolean done = offsets.caughtUp(group, inputs, 0)
                    && (downstream.isEmpty() || offsets.caughtUp(group, downstream, 1));
            if (!done) {
                streakStart = -1;
            } else if (streakStart < 0) {
                streakStart = now;
            }
            if (streakStart >= 0 && now - streakStart >= quietMs * 1_000_000L) {
                return streakStart;
            }
            Thread.sleep(100);
        }
    }

    /** The repartition topic of the pipeline with application id {@code appId}. */
    public static String repartitionTopic(String appId) {
        return appId + "-" + dev.funnelstreams.streams.StoreNames.CELL_DELTAS_REPARTITION + "-repartition";
    }

    /** The funnel of {@code file} (null: the bundled examples/funnel.yaml), for the benchmarks that run no app. */
    static FunnelConfig funnelConfig(Path file) {
        return file == null ? FunnelConfigLoader.parse(bundledConfig()) : FunnelConfigLoader.load(file);
    }

    static String bundledConfig() {
        try (InputStream in = BenchApps.class.getResourceAsStream(BUNDLED_CONFIG)) {
            if (in == null) {
                throw new IllegalStateException("resource " + BUNDLED_CONFIG + " is missing from the bench jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
