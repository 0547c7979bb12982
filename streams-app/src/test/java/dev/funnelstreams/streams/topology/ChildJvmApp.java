package dev.funnelstreams.streams.topology;

import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The app in a JVM of its own, so that a test can kill it without any shutdown code running.
 * Arguments: bootstrap servers, registry URL, application id, state dir, topic prefix; optionally
 * more {@code streams.kafka} entries ({@code "num.standby.replicas: 1"}) and more lines of the
 * {@code streams:} section (indented, e.g. {@code alertTimers}); or, instead of those,
 * {@code kafka-session}: keep Kafka's own 45 s consumer session instead of the test's 6 s.
 */
public final class ChildJvmApp {

    /** The optional last argument: Kafka's default session timeout. */
    static final String KAFKA_SESSION = "kafka-session";

    private ChildJvmApp() {
    }

    public static void main(String[] args) throws Exception {
        // Killed, this member cannot leave its group: the restarted app waits out its session. The
        // broker's minimum (6 s) instead of Kafka's 45 s keeps the test short; only this child sets it.
        boolean kafkaSession = args.length > 5 && args[5].equals(KAFKA_SESSION);
        var config = PipelineHarness.config(args[0], args[1], args[2], Path.of(args[3]), kafkaSession ? ""
                : "  kafka: {" + StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG) + ": 6000, "
                        + StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG) + ": 1500"
                        + (args.length > 5 && !args[5].isEmpty() ? ", " + args[5] : "") + "}\n"
                        + (args.length > 6 ? args[6] : ""));
        FunnelStreamsApp app = FunnelStreamsApp.start(config, PipelineHarness.prefixed(args[4]));
        System.out.println("started " + app);
        app.awaitStop();
    }

    /** The start of a child JVM's command line: this JVM's java, a small heap, a temporary directory beside {@code log}. */
    static List<String> java(Path log) throws IOException {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                // RocksDB's native library (14 MB) is unpacked there and deleted at exit, which a killed child
                // never reaches: the test's temporary directory (log's) takes it away instead
                "-Djava.io.tmpdir=" + Files.createDirectories(log.resolveSibling("java-tmp"))));
    }

    /** Starts this main in a child JVM on the test class path; its output goes to {@code log}. */
    public static Process start(Path log, String... args) throws IOException {
        List<String> command = java(log);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChildJvmApp.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
