package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.funnelstreams.core.report.BatchReport;
import dev.funnelstreams.core.report.BatchResult;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.EventProducer;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import dev.funnelstreams.testkit.ApicurioRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.FixedHostPortGenericContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/**
 * The app (exactly-once, replication factor 3) against three Kafka broker containers ({@code funnel/kafka:0.1.0},
 * built by docker/build-images.sh; KRaft, min.insync.replicas 2, auto-create off): the outputs equal the batch
 * report. Runs only with {@code -Pcontainers} (tag "containers"); needs Docker and the image, and says so.
 */
@Tag("containers")
class ContainerClusterIT {

    static final String KAFKA_IMAGE = System.getProperty("funnel.kafka.image", "funnel/kafka:0.1.0");
    private static final String APP_ID = "funnel-container-it";

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsDocker() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new AssertionError("ContainerClusterIT needs Docker (-Pcontainers): apt-get install docker.io;"
                    + " dockerd > /tmp/dockerd.log 2>&1 &; docker/build-images.sh; run with"
                    + " TESTCONTAINERS_RYUK_DISABLED=true where Docker Hub is out of reach (the profile sets it)");
        }
        var images = DockerClientFactory.instance().client().listImagesCmd().withImageNameFilter(KAFKA_IMAGE).exec();
        if (images.isEmpty()) {
            throw new AssertionError("ContainerClusterIT needs the image " + KAFKA_IMAGE + ": run docker/build-images.sh");
        }
    }

    @Test
    void pipelineOnThreeBrokerContainersEqualsTheBatchReport() throws Exception {
        long began = System.nanoTime();
        List<String> lines = FunnelTopologyDifferentialTest.generated(37, 400, 120);
        BatchResult batch = BatchReport.run(FunnelTopologyDifferentialTest.CONFIG, lines.iterator(), Optional.empty());
        List<Integer> ports = freePorts(3);
        String cluster = "Y29udGFpbmVyLWl0LTAwMQ";   // base64 of "container-it-001"
        List<GenericContainer<?>> brokers = new ArrayList<>();
        try (Network network = Network.newNetwork(); ApicurioRegistry registry = ApicurioRegistry.start()) {
            for (int n = 1; n <= 3; n++) {
                int port = ports.get(n - 1);
                @SuppressWarnings({"deprecation", "resource"})
                GenericContainer<?> broker = new FixedHostPortGenericContainer<>(KAFKA_IMAGE)
                        .withFixedExposedPort(port, port)
                        .withNetwork(network).withNetworkAliases("kafka-" + n)
                        .withEnv("CLUSTER_ID", cluster)
                        .withEnv("KAFKA_NODE_ID", String.valueOf(n))
                        .withEnv("KAFKA_PROCESS_ROLES", "broker,controller")
                        .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
                        .withEnv("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
                        .withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL")
                        .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
                                "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT")
                        .withEnv("KAFKA_LISTENERS", "INTERNAL://:9092,CONTROLLER://:9093,EXTERNAL://:" + port)
                        .withEnv("KAFKA_ADVERTISED_LISTENERS",
                                "INTERNAL://kafka-" + n + ":9092,EXTERNAL://127.0.0.1:" + port)
                        .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                        .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                        .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                        .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                        .withEnv("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                        .withEnv("KAFKA_MIN_INSYNC_REPLICAS", "2")
                        .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                        .withEnv("KAFKA_HEAP_OPTS", "-Xms256m -Xmx512m")
                        .withStartupTimeout(Duration.ofMinutes(3));
                brokers.add(broker);
            }
            try {
                Startables.deepStart(brokers).join();
                System.out.printf("three broker containers up in %.1f s%n", (System.nanoTime() - began) / 1e9);
                String bootstrap = ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
                Topics topics = PipelineHarness.prefixed("");
                AppConfig config = PipelineHarness.config(bootstrap, registry.registryUrl(), APP_ID,
                        tmp.resolve("state"), AlertChecks.TIMERS, (short) 3);
                SerdeFactory serdes = SerdeFactory.of(config.registry());
                Clock clock = Clock.fixed(batch.asOf().plus(Duration.ofDays(1)), ZoneOffset.UTC);
                TopicAdmin.createMissing(config, topics);
                EventProducer producer = new EventProducer(config, topics, serdes, clock);
                assertThat(producer.produce(PipelineHarness.write(tmp, "history.jsonl", lines)).rejected()).isEmpty();
                try (FunnelStreamsApp app = FunnelStreamsApp.start(config, topics)) {
                    await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(500))
                            .failFast("app failed", () -> app.state() == KafkaStreams.State.ERROR
                                    || app.state() == KafkaStreams.State.NOT_RUNNING)
                            .until(() -> PipelineHarness.committedInputs(config, topics) == lines.size());
                    PipelineHarness.awaitCaughtUp(config, topics);
                    PipelineHarness.assertOutputsEqualBatch(config, serdes, "", batch);
                    assertThat(PipelineHarness.readAll(config, topics.dlq())).as("DLQ").isEmpty();
                }
            } finally {
                brokers.forEach(GenericContainer::stop);
            }
        }
        System.out.printf("ContainerClusterIT: %d events, %.1f s%n", lines.size(), (System.nanoTime() - began) / 1e9);
    }

    private static List<Integer> freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                sockets.add(new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
