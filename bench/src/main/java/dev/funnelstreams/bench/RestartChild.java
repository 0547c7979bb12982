package dev.funnelstreams.bench;

import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The streaming app as {@code funnel bench restart} runs it: in a JVM of its own, so that it can be killed for real
 * (SIGKILL). Prints {@value #RUNNING} on stdout the first time Kafka Streams is RUNNING; SIGTERM closes the app
 * cleanly (as {@code funnel run} does). Arguments: funnel YAML file ("-" for the bundled one), bootstrap servers,
 * registry URL, application id, state directory, replication factor (0: the file's), topic prefix ("-" for none),
 * num.stream.threads (0: the default), partitions of the topics.
 */
public final class RestartChild {

    static final String RUNNING = "RUNNING";

    private RestartChild() {
    }

    public static void main(String[] args) throws Exception {
        String yaml = args[0].equals("-") ? BenchApps.bundledConfig() : Files.readString(Path.of(args[0]));
        short rf = Short.parseShort(args[5]);
        int threads = Integer.parseInt(args[7]);
        int partitions = Integer.parseInt(args[8]);
        AppConfig config = BenchApps.appConfig(yaml, args[1], args[2], args[3], Path.of(args[4]), partitions,
                rf == 0 ? null : rf, threads == 0 ? Map.of() : BenchApps.threads(threads), null);
        Topics topics = BenchApps.topics(args[6].equals("-") ? "" : args[6]);
        FunnelStreamsApp app = FunnelStreamsApp.start(config, topics);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "restart-child-stop"));
        while (app.state() != KafkaStreams.State.RUNNING) {
            if (app.state() == KafkaStreams.State.ERROR || app.state() == KafkaStreams.State.NOT_RUNNING) {
                System.out.println("FAILED " + app.state());
                System.exit(1);
            }
            Thread.sleep(10);
        }
        System.out.println(RUNNING);
        System.out.flush();
        app.awaitStop();
    }
}
