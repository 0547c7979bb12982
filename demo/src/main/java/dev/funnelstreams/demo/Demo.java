package dev.funnelstreams.demo;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.generate.GeneratorSummary;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.AppConfigLoader;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import dev.funnelstreams.testkit.ApicurioRegistry;
import dev.funnelstreams.testkit.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code funnel demo}: wiring in one place. Starts, in order, the KRaft broker, the Apicurio Registry process,
 * the topics, the streaming app with its HTTP server, the Connect worker with the file connector, the history
 * and the live trickle; {@link #close()} stops them in reverse order.
 */
public final class Demo implements AutoCloseable {

    private static final String BUNDLED_CONFIG = "funnel.yaml";
    private static final String BUNDLED_MAPPING = "canonical.yaml";
    /** The longest any one part may take to stop: the streaming app's own close is bounded at 30 s. */
    static final Duration PART_STOP_LIMIT = Duration.ofSeconds(45);

    private final Deque<NamedCloseable> parts = new ArrayDeque<>();
    private final Progress progress;
    private String bootstrap;
    private String registryUrl;
    private ApicurioRegistry registry;
    private String connectUrl;
    private String dashboardUrl;
    private AppConfig appConfig;
    private DemoDirs dirs;
    private LiveTrickle trickle;
    private FunnelStreamsApp app;
    private DemoInbox inbox;

    /** A started part; a null name stops silently. */
    private record NamedCloseable(String name, AutoCloseable part) {
    }

    private Demo(PrintStream out) {
        this.progress = new Progress(out);
    }

    /** Starts every part; on a failure stops what already runs and rethrows. */
    public static Demo start(DemoOptions options, PrintStream out) throws Exception {
        Demo demo = new Demo(out);
        try {
            demo.startParts(options);
            return demo;
        } catch (Exception | Error e) {
            demo.close();
            throw e;
        }
    }

    private void startParts(DemoOptions options) throws Exception {
        dirs = new DemoDirs(options.dataDir().toAbsolutePath().normalize());
        AutoCloseable lock = dirs.lock();
        if (lock == null) {
            throw new IllegalStateException("another funnel demo is running on " + dirs.root()
                    + "; stop it first or choose another --data-dir");
        }
        parts.push(new NamedCloseable(null, lock));
        boolean resume = options.resume() && dirs.hasData();
        if (options.resume() && !resume) {
            progress.line("nothing to resume in " + dirs.root() + ": starting clean");
        }
        if (!resume) {
            dirs.clean();
        }
        dirs.create();
        writeConfigAndMapping(options, resume);
        progress.line((resume ? "resuming" : "clean start") + " in " + dirs.root());
        // history is prepared in staging while the parts start; it goes to the inbox once the connector runs
        // ports first, so the config (validated before anything starts) can name the broker and registry
        int brokerPort = Ports.preferred(9092);
        int registryPort = Ports.preferred(8081);
        bootstrap = Ports.LOOPBACK + ":" + brokerPort;
        registryUrl = "http://" + Ports.LOOPBACK + ":" + registryPort + "/apis/ccompat/v7";
        appConfig = AppConfigLoader.parse(appYaml(Files.readString(dirs.configFile())), new AppConfigLoader.Overrides(
                bootstrap, registryUrl, null, dirs.streamsState(), 2, (short) 1)
                .withHttp(Ports.LOOPBACK, options.port(), null));
        FunnelConfig funnel = appConfig.funnel();
        LeadBook book = new LeadBook(funnel);
        CompletableFuture<String> historyStart = CompletableFuture.supplyAsync(() -> prepareHistory(options, resume,
                funnel, book));

        // the registry is a separate process: let it boot while this JVM starts the broker
        CompletableFuture<ApicurioRegistry> registryStart = CompletableFuture.supplyAsync(() -> ApicurioRegistry.start(
                dirs.registryHome(), apicurioArchive(), registryPort, dirs.logs().resolve("registry.log"),
                // file-backed H2: schema ids in the topics stay valid for --resume
                List.of("-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + dirs.registryDb() + ";DB_CLOSE_ON_EXIT=FALSE")));
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.startPersistent(dirs.kafka(), brokerPort, Ports.any());
        } catch (RuntimeException | Error e) {
            registryStart.thenAccept(ApicurioRegistry::close);
            throw e;
        }
        parts.push(new NamedCloseable("broker", broker));
        progress.line("Kafka broker (KRaft, in this JVM) ready at " + bootstrap);

        ApicurioRegistry registry;
        try {
            registry = registryStart.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        this.registry = registry;
        parts.push(new NamedCloseable("registry", registry));
        progress.line("Apicurio Registry (child process) ready at " + registryUrl);

        Topics topics = Topics.defaults();
        TopicAdmin.createMissing(appConfig, topics);
        DemoTopics.createRejected(appConfig);
        // the Connect worker boots (class loading, REST server) while the streaming app starts
        int connectPort = Ports.preferred(8083);
        CompletableFuture<ConnectWorker> workerStart = CompletableFuture.supplyAsync(() -> {
            ConnectWorker w = ConnectWorker.start(bootstrap, dirs, connectPort);
            try {
                w.startFileConnector(dirs, registryUrl, topics);
                return w;
            } catch (Exception e) {
                w.close();
                throw new CompletionException(e);
            }
        });
        try {
            app = FunnelStreamsApp.start(appConfig, topics);
        } catch (Exception | Error e) {
            workerStart.thenAccept(ConnectWorker::close);
            throw e;
        }
        parts.push(new NamedCloseable("streams app", app));
        dashboardUrl = app.httpUri().map(Object::toString).orElse(null);
        progress.line("streaming app started (" + appConfig.applicationId() + ", exactly-once); HTTP on "
                + dashboardUrl);
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String inboxSecret = HexFormat.of().formatHex(secret);
        inbox = new DemoInbox(inboxSecret, Clock.systemUTC());
        app.http().orElseThrow(() -> new IllegalStateException("the demo needs the app's HTTP server"))
                .route(DemoInbox.PATH, inbox, true);

        ConnectWorker worker;
        try {
            worker = workerStart.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
        parts.push(new NamedCloseable("connect worker", worker));
        connectUrl = worker.restUrl();
        progress.line("Connect worker (standalone, in this JVM) running " + ConnectWorker.CONNECTOR + " on "
                + dirs.inbox());
        worker.startAlertSink(dirs, bootstrap, registryUrl, topics, dashboardUrl, inboxSecret);
        progress.line("alert sink (" + ConnectWorker.ALERT_SINK + ") delivering " + topics.alerts() + " to "
                + inboxUrl());

        String history = historyStart.join();
        HistoryFeed.publish(dirs);
        progress.line(history);
        trickle = new LiveTrickle(funnel, book, dirs, options.speed(), options.seed(), Clock.systemUTC());
        trickle.start();
        parts.push(new NamedCloseable("live trickle", trickle));
        if (options.speed() > 0) {
            progress.line("live trickle: new leads and stage moves every second (--speed " + options.speed() + ")");
        }
    }

    /**
     * The app's YAML: the funnel file plus, unless it has its own {@code streams:} section, a one-second
     * exactly-once commit interval (the app's default is 500 ms): on a busy laptop larger transactions get
     * the history through faster, and the dashboard polls every few seconds anyway.
     */
    static String appYaml(String funnelYaml) {
        if (funnelYaml.lines().anyMatch(l -> l.startsWith("streams:"))) {
            return funnelYaml;
        }
        return funnelYaml + (funnelYaml.endsWith("\n") ? "" : "\n") + "streams:\n  kafka: {commit.interval.ms: 1000}\n";
    }

    private String prepareHistory(DemoOptions options, boolean resume, FunnelConfig funnel, LeadBook book) {
        try {
            if (resume) {
                HistoryFeed.reload(dirs, book);
                return "resumed: " + book.size() + " leads known from earlier runs";
            }
            if (options.events() != null) {
                long lines = HistoryFeed.copy(options.events(), dirs, book);
                return "history: " + lines + " lines of " + options.events() + " into the inbox";
            }
            GeneratorSummary s = HistoryFeed.generate(funnel, options, dirs, book);
            return "history: " + s.lines() + " generated lines (" + s.leads() + " leads, " + s.start() + " .. "
                    + s.endExclusive().minusDays(1) + ") into the inbox";
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the history in " + dirs.staging(), e);
        }
    }

    private void writeConfigAndMapping(DemoOptions options, boolean resume) throws IOException {
        if (!resume || !Files.exists(dirs.configFile())) {
            if (options.config() != null) {
                Files.copy(options.config(), dirs.configFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.write(dirs.configFile(), resource(BUNDLED_CONFIG));
            }
        }
        Files.write(dirs.mappingFile(), resource(BUNDLED_MAPPING));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Demo.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the demo jar");
            }
            return in.readAllBytes();
        }
    }

    /** The Apicurio archive: where this build's Maven stored it, else testkit's default (~/.m2). */
    public static Path apicurioArchive() {
        try (InputStream in = Demo.class.getResourceAsStream("demo.properties")) {
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            Path built = Path.of(p.getProperty("apicurio.archive"));
            return Files.isRegularFile(built) ? built : ApicurioRegistry.defaultArchive();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo.properties from the demo jar", e);
        }
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** The streaming app's Kafka Streams application id (its consumer group). */
    public String applicationId() {
        return appConfig.applicationId();
    }

    public String registryUrl() {
        return registryUrl;
    }

    public String connectUrl() {
        return connectUrl;
    }

    public String dashboardUrl() {
        return dashboardUrl;
    }

    /** The page where the alert sink's messages arrive. */
    public String inboxUrl() {
        return dashboardUrl == null ? null : dashboardUrl.replaceAll("/$", "") + DemoInbox.PATH;
    }

    DemoInbox inbox() {
        return inbox;
    }

    public Path dataDir() {
        return dirs.root();
    }

    public long liveEvents() {
        return trickle == null ? 0 : trickle.events();
    }

    /** Seconds since the demo started, for the progress lines. */
    public double seconds() {
        return progress.seconds();
    }

    public void progress(String line) {
        progress.line(line);
    }

    /** Whether the generated or copied history has been read whole by the connector. */
    public boolean historyIngested() {
        try (var files = Files.list(dirs.done())) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("history-"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * For a caller whose JVM shutdown hook closes this demo: the registry process then stops in its turn,
     * after the app and the worker that use it, instead of being killed the moment shutdown begins (its own
     * safeguard against an orphaned process, which stays until this call).
     */
    public void closedByOwnerOnExit() {
        registry.closedByOwnerOnExit();
    }

    /** Blocks until the streaming app stops (after close, or when it fails). */
    public void awaitStop() throws InterruptedException {
        app.awaitStop();
    }

    /**
     * Stops every started part, last started first. A part that fails to stop, or does not stop within
     * {@link #PART_STOP_LIMIT}, does not keep the others running.
     */
    @Override
    public synchronized void close() {
        PartStopper stopper = new PartStopper(PART_STOP_LIMIT, progress);
        while (!parts.isEmpty()) {
            NamedCloseable p = parts.pop();
            stopper.stop(p.name(), p.part());
        }
    }
}
