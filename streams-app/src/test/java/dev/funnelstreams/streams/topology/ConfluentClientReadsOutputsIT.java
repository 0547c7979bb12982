package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.funnelstreams.core.report.BatchReport;
import dev.funnelstreams.core.report.BatchResult;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.EventProducer;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import dev.funnelstreams.streams.runtime.Outputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output topics are readable by Confluent's own client: the pipeline runs on the real broker
 * and Apicurio, then Confluent's Python client (Debian's python3-confluent-kafka, legacy
 * {@code confluent_kafka.avro.AvroConsumer}, which fetches writer schemas by id from the registry's
 * ccompat API) reads funnel.stage-flow and funnel.lead-state; it must see exactly the records our
 * own deserializer reads. {@code .ci/install-test-deps} installs the client.
 */
@WithKafkaAndRegistry
class ConfluentClientReadsOutputsIT {

    static final String PYTHON = System.getProperty("funnel.python",
            Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3");
    static final Path SCRIPT = Path.of("src/test/python/confluent_read_outputs.py");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private TestCluster cluster;

    @TempDir
    Path tmp;

    @BeforeAll
    static void confluentClientIsInstalled() throws Exception {
        Run probe = run(List.of(PYTHON, "-c", "import confluent_kafka.avro"), Duration.ofSeconds(60));
        if (probe.exit() == 0) {
            return;
        }
        String need = "Confluent's Python client is not importable with " + PYTHON + " (" + probe.lastErrorLine()
                + "); it comes from Debian's python3-confluent-kafka, python3-avro and python3-requests: run "
                + ".ci/install-test-deps (apt-get install -y python3-confluent-kafka python3-avro python3-requests), "
                + "or point -Dfunnel.python at a Python that has them";
        boolean apt = run(List.of("sh", "-c", "command -v apt-get"), Duration.ofSeconds(10)).exit() == 0;
        assumeTrue(apt, "no apt-get on this machine, so .ci/install-test-deps cannot install the client: " + need);
        fail(need);
    }

    @Test
    void confluentPythonClientReadsTheSameStageFlowAndLeadStateRecordsAsOurDeserializer() throws Exception {
        List<String> lines = FunnelTopologyDifferentialTest.generated(11, 120, 90);
        BatchResult batch = BatchReport.run(FunnelTopologyDifferentialTest.CONFIG, lines.iterator(), Optional.empty());
        AppConfig config = PipelineHarness.config(cluster, "funnel-confluent-it", tmp.resolve("state"));
        Topics topics = PipelineHarness.prefixed("confluent-it.");
        SerdeFactory serdes = SerdeFactory.of(config.registry());
        Clock clock = Clock.fixed(batch.asOf().plus(Duration.ofDays(1)), ZoneOffset.UTC);
        TopicAdmin.createMissing(config, topics);
        assertThat(new EventProducer(config, topics, serdes, clock)
                .produce(PipelineHarness.write(tmp, "events.jsonl", lines)).rejected()).isEmpty();
        try (FunnelStreamsApp app = FunnelStreamsApp.start(config, topics)) {
            PipelineHarness.awaitCaughtUp(config, topics);
        }

        List<String> read = List.of(topics.stageFlow(), topics.leadState());
        List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT.toString(), config.bootstrapServers(),
                config.schemaRegistryUrl()));
        command.addAll(read);
        Run python = run(command, Duration.ofMinutes(3));
        assertThat(python.exit()).as("%s exit code; stderr:%n%s", SCRIPT, python.stderr()).isZero();
        Map<String, Map<String, String>> confluent = new HashMap<>();
        for (String line : python.stdout().lines().toList()) {
            JsonNode topic = JSON.readTree(line);
            Map<String, String> records = new TreeMap<>();
            topic.get("records").forEach(r -> records.put(text(r.get("key")), text(r.get("value"))));
            confluent.put(topic.get("topic").asText(), records);
        }

        for (String topic : read) {
            Map<String, String> ours = new TreeMap<>();
            PipelineHarness.latest(config, serdes, topic).forEach((k, v) -> ours.put(text(k), text(v)));
            assertThat(ours).as(topic + " read by our deserializer").hasSizeGreaterThan(50);
            assertThat(confluent).as("topics the Confluent client printed").containsKey(topic);
            assertThat(Outputs.diff(ours, confluent.get(topic))).as(topic + ": ours vs Confluent's client").isEmpty();
        }
    }

    /** Canonical JSON text: object keys sorted, numbers as Jackson reads them (1 and 1L, 0.5 and 5e-1 alike). */
    private static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(JSON.treeToValue(JSON.readTree(JSON.writeValueAsString(node)), Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    record Run(int exit, String stdout, String stderr) {

        String lastErrorLine() {
            List<String> lines = stderr.strip().lines().toList();
            return lines.isEmpty() ? "exit code " + exit : lines.get(lines.size() - 1);
        }
    }

    static Run run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile("confluent-it", ".out");
        Path err = Files.createTempFile("confluent-it", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                return new Run(-1, Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8) + "\ntimed out after " + timeout);
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Run(-1, "", e.getMessage());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
