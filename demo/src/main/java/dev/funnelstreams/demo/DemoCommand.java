package dev.funnelstreams.demo;

import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.streams.runtime.ConfigGuard;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code funnel demo}: the whole pipeline on this machine, with a live dashboard, until Ctrl-C. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline on this machine until Ctrl-C: an in-JVM Kafka broker, the Apicurio",
            "Registry, a Connect worker with the file connector, the streaming app, its API and dashboard,",
            "fed with generated history and a live trickle of new events. Data lives in --data-dir."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"1:a part could not start (the message says which and why; details in DIR/logs)",
            "2:usage error: unknown, missing or bad option; --events or --config file not found or invalid",
            "130:stopped with Ctrl-C, every part in reverse order (143: SIGTERM)"})
public final class DemoCommand implements Callable<Integer> {

    static final class Start {
        @Option(names = "--clean", description = "Start from empty data (the default).")
        boolean clean;

        @Option(names = "--resume", description = "Keep the previous run's data and continue from it.")
        boolean resume;
    }

    @ArgGroup(exclusive = true)
    Start start = new Start();

    @Option(names = "--events", paramLabel = "FILE",
            description = "Canonical JSON lines (.gz too) to replay instead of generated history.")
    Path events;

    @Option(names = "--leads", defaultValue = "3000", paramLabel = "N",
            description = "Leads of generated history (default: ${DEFAULT-VALUE}).")
    int leads;

    @Option(names = "--days", defaultValue = "365", paramLabel = "N",
            description = "Days of generated history, ending today (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "N", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "X",
            description = "Live events rate multiplier; 0 = no live events (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "HTTP port of the dashboard and API on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Funnel YAML (default: the bundled examples/funnel.yaml, a six-stage Chinese funnel).")
    Path config;

    @Option(names = "--data-dir", defaultValue = "demo-data", paramLabel = "DIR",
            description = "Where the broker, registry, worker and app keep their data (default: ./${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (events != null && !Files.isRegularFile(events)) {
            System.err.println("funnel demo: --events " + events + ": no such file");
            return 2;
        }
        if (config != null && !Files.isRegularFile(config)) {
            System.err.println("funnel demo: --config " + config + ": no such file");
            return 2;
        }
        DemoOptions options;
        try {
            options = new DemoOptions(dataDir, start.resume, events, leads, days, seed, speed, port, config);
        } catch (IllegalArgumentException e) {
            System.err.println("funnel demo: " + e.getMessage());
            return 2;
        }
        logToFile(dataDir.resolve("logs").resolve("demo.log"));
        Demo demo;
        try {
            demo = Demo.start(options, out);
        } catch (ConfigException e) {
            System.err.println("funnel demo: " + e.getMessage());
            return 2;
        } catch (ConfigGuard.Changed e) {
            // --resume with another --config: the kept state was built under the first one
            System.err.println("funnel demo: " + e.getMessage() + "\n(--resume goes on only with the funnel the data was"
                    + " built with; without --resume the demo starts clean with any --config)");
            return 2;
        } catch (IllegalStateException e) {
            // a part that could not start says why (port, lock, registry log); the details are in the log file
            System.err.println("funnel demo: " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(() -> {
            out.println();
            out.println("stopping (Ctrl-C) ...");
            demo.close();
            out.println("stopped; data kept in " + demo.dataDir() + " (funnel demo --resume continues from it)");
        }, "funnel-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        demo.closedByOwnerOnExit();
        out.println();
        out.println("  dashboard   " + demo.dashboardUrl());
        out.println("  API         " + demo.dashboardUrl() + "api/config   (all endpoints: docs/api.md)");
        out.println("  alerts      " + demo.inboxUrl() + "   (what the alert sink sends)");
        out.println("  Kafka       " + demo.bootstrapServers() + "   (bootstrap servers)");
        out.println("  registry    " + demo.registryUrl() + "   (Confluent API)");
        out.println("  Connect     " + demo.connectUrl() + "   (REST)");
        out.println("  data, logs  " + demo.dataDir());
        out.println("  stop        Ctrl-C");
        out.println();
        DataProbe.Found found = new DataProbe(URI.create(demo.dashboardUrl()), events != null).await(Duration.ofMinutes(5));
        if (found == null) {
            demo.progress("no data on the dashboard after 5 minutes; see " + demo.dataDir().resolve("logs"));
        } else if (found.current()) {
            demo.progress("dashboard has data: " + found.reached() + " leads reached the first stage this month"
                    + " (time to data since the command started)");
        } else {
            demo.progress("dashboard has data: " + found.reached() + " leads reached the first stage in "
                    + found.period() + " so far (--events history; the page opens on the current period: pick a"
                    + " period with data there)");
        }
        demo.awaitStop();
        return 0;
    }

    /** slf4j-simple to a file, before the first logger exists: the terminal shows only progress lines. */
    private static void logToFile(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        setIfAbsent("org.slf4j.simpleLogger.logFile", file.toString());
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.dev.funnelstreams", "info");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
