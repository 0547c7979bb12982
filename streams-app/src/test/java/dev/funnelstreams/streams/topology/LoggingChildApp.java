package dev.funnelstreams.streams.topology;

import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The app in a JVM of its own whose whole log output a test can read: every logger at INFO, the project's at
 * DEBUG, to stderr, which {@link #start} sends to a file. SIGTERM closes the app (state stores flushed). Alert
 * timers fire as soon as due; consumed repartition records stay on the broker.
 * Arguments: bootstrap servers, registry URL, application id, state dir, topic prefix.
 */
final class LoggingChildApp {

    private LoggingChildApp() {
    }

    public static void main(String[] args) throws Exception {
        // Kafka Streams deletes consumed repartition records every 30 s: kept here, so a test can read them all
        var config = PipelineHarness.config(args[0], args[1], args[2], Path.of(args[3]),
                "  alertTimers: {interval: PT0.2S, maxLag: P400D, idleAfter: PT1S}\n"
                        + "  kafka: {" + StreamsConfig.REPARTITION_PURGE_INTERVAL_MS_CONFIG + ": 3600000}\n");
        FunnelStreamsApp app = FunnelStreamsApp.start(config, PipelineHarness.prefixed(args[4]));
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "close-app"));
        System.err.println("started " + app);
        app.awaitStop();
    }

    /** Starts this main in a child JVM on the test class path; its output (stdout and stderr) goes to {@code log}. */
    static Process start(Path log, String... args) throws IOException {
        List<String> command = ChildJvmApp.java(log);
        command.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.log.dev.funnelstreams=debug",
                "-cp", System.getProperty("java.class.path"), LoggingChildApp.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
