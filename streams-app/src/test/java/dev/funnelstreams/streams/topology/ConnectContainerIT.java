package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelstreams.core.report.BatchReport;
import dev.funnelstreams.core.report.BatchResult;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

/**
 * The ingest connector as docker-compose.yml runs it: a distributed Connect worker in a
 * {@code funnel/connect:0.1.0} container (the plugin folder of this build's ingest-connector) on three
 * {@link KafkaContainers} brokers, the registry in a {@code funnel/registry:0.1.0} container, the connector
 * created over Connect's REST API with docker/connect/crm-file-source.json (exactly-once source). A generated
 * history is dropped into its input folder (written beside it, then renamed in); the connector reads it,
 * moves it to the finished folder, and the app on the host processes what it wrote. Every line is on the
 * input topics once, nothing rejected, and the outputs equal the batch report of the same lines.
 * Runs only with {@code -Pcontainers} (tag "containers").
 */
@Tag("containers")
class ConnectContainerIT {

    static final String CONNECT_IMAGE = System.getProperty("funnel.connect.image", "funnel/connect:0.1.0");
    static final String REGISTRY_IMAGE = System.getProperty("funnel.registry.image", "funnel/registry:0.1.0");
    private static final Path CONNECTOR_JSON = Path.of("../docker/connect/crm-file-source.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsDocker() {
        KafkaContainers.requireDockerAndImages("ConnectContainerIT", KafkaContainers.KAFKA_IMAGE, CONNECT_IMAGE,
                REGISTRY_IMAGE);
    }

    @Test
    void connectorInAConnectContainerFedThroughTheDropFolderOutputsEqualTheBatchReport() throws Exception {
        long began = System.nanoTime();
        List<String> lines = FunnelTopologyDifferentialTest.generated(71, 300, 120);
        BatchResult batch = BatchReport.run(FunnelTopologyDifferentialTest.CONFIG, lines.iterator(), Optional.empty());
        KafkaContainers kafka = KafkaContainers.shared();
        try (GenericContainer<?> registry = new GenericContainer<>(REGISTRY_IMAGE)
                        .withNetwork(kafka.network()).withNetworkAliases("registry")
                        .withExposedPorts(8080)
                        .waitingFor(Wait.forHttp("/health/ready").forPort(8080))
                        .withStartupTimeout(Duration.ofMinutes(3));
                GenericContainer<?> connect = new GenericContainer<>(CONNECT_IMAGE)
                        .withNetwork(kafka.network()).withNetworkAliases("connect")
                        .withExposedPorts(8083)
                        // the connector checks events against the funnel the app and the batch report use
                        .withCopyFileToContainer(MountableFile.forHostPath(
                                Path.of("src/test/resources/funnel.yaml")), "/etc/funnel/funnel.yaml")
                        .waitingFor(Wait.forHttp("/connector-plugins").forPort(8083))
                        .withStartupTimeout(Duration.ofMinutes(4))) {
            registry.start();
            String registryUrl = "http://127.0.0.1:" + registry.getMappedPort(8080) + "/apis/ccompat/v7";
            Topics topics = PipelineHarness.prefixed("");
            AppConfig config = PipelineHarness.config(kafka.bootstrapServers(), registryUrl, "funnel-connect-it",
                    tmp.resolve("state"), AlertChecks.TIMERS, (short) 3);
            SerdeFactory serdes = SerdeFactory.of(config.registry());
            TopicAdmin.createMissing(config, topics);   // broker auto-creation is off, as in compose
            connect.start();
            System.out.printf("brokers, registry and Connect containers up in %.1f s%n",
                    (System.nanoTime() - began) / 1e9);

            String rest = "http://127.0.0.1:" + connect.getMappedPort(8083);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(rest
                            + "/connectors/crm-file-source/config"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(Files.readString(CONNECTOR_JSON))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as("PUT connector config: " + put.body()).isIn(200, 201);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                JsonNode status = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(rest
                        + "/connectors/crm-file-source/status")).build(), HttpResponse.BodyHandlers.ofString()).body());
                assertThat(status.path("connector").path("state").asText()).as(status.toString()).isEqualTo("RUNNING");
                assertThat(status.path("tasks").path(0).path("state").asText()).as(status.toString())
                        .isEqualTo("RUNNING");
            });

            try (FunnelStreamsApp app = FunnelStreamsApp.start(config, topics)) {
                Path history = PipelineHarness.write(tmp, "history.jsonl", lines);
                connect.copyFileToContainer(MountableFile.forHostPath(history), "/data/drop/history.jsonl.part");
                ExecResult mv = connect.execInContainer("mv", "/data/drop/history.jsonl.part",
                        "/data/drop/in/history.jsonl");
                assertThat(mv.getExitCode()).as("mv into the drop folder: " + mv.getStderr()).isZero();
                long droppedAt = System.nanoTime();
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        connect.execInContainer("test", "-f", "/data/drop/done/history.jsonl").getExitCode() == 0);
                System.out.printf("the connector finished the file (moved to done) %.1f s after the drop%n",
                        (System.nanoTime() - droppedAt) / 1e9);
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(PipelineHarness.readAll(config, topics.leadEvents()).size()
                                + PipelineHarness.readAll(config, topics.channelSpend()).size())
                                .as("records on the input topics, one per line").isEqualTo(lines.size()));
                assertThat(PipelineHarness.readAll(config, topics.rejected())).as("crm.rejected").isEmpty();

                await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(500))
                        .failFast("app failed", () -> ContainerClusterIT.failed(app))
                        .until(() -> PipelineHarness.committedInputs(config, topics) >= lines.size());
                PipelineHarness.awaitCaughtUp(config, topics);
                PipelineHarness.assertOutputsEqualBatch(config, serdes, "", batch);
                assertThat(PipelineHarness.readAll(config, topics.dlq())).as("DLQ").isEmpty();
            }
        }
        System.out.printf("ConnectContainerIT: %d events, %.1f s%n", lines.size(), (System.nanoTime() - began) / 1e9);
    }
}
