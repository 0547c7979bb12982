package dev.funnelstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.streams.AppConfigLoader;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.ConfigGuard;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code funnel topics create}, {@code funnel produce} and {@code funnel run} through
 * {@link FunnelCli#run}, against the in-JVM broker and Apicurio. The commands use the SPEC's topic
 * names, so the topic test runs first on this JVM's fresh broker.
 */
@WithKafkaAndRegistry
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamingCommandsIT {

    static final String CONFIG = "../examples/funnel.yaml";

    private TestCluster cluster;

    @TempDir
    Path tmp;

    @Test
    @Order(1)
    void topicsCreateMakesInputsCompactedOutputsAndDlqThenFindsThemAllThere() throws Exception {
        CliRun first = CliRun.of("topics", "create", "--config", CONFIG, "--bootstrap-servers",
                cluster.bootstrapServers(), "--partitions", "2");

        assertThat(first.exitCode()).as(first.err()).isZero();
        Topics topics = Topics.defaults();
        List<String> all = topics.all();
        assertThat(first.err()).contains("funnel topics create: created " + all.size() + " topic(s): crm.lead-events");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            Map<String, TopicDescription> described = admin.describeTopics(all).allTopicNames().get();
            assertThat(described.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(2));
            Map<ConfigResource, Config> configs = admin.describeConfigs(all.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get();
            Set<String> compacted = configs.entrySet().stream()
                    .filter(e -> e.getValue().get("cleanup.policy").value().contains("compact"))
                    .map(e -> e.getKey().name()).collect(Collectors.toSet());
            assertThat(compacted).containsExactlyInAnyOrderElementsOf(topics.upsertOutputs());
        }

        CliRun again = CliRun.of("topics", "create", "--config", CONFIG, "--bootstrap-servers",
                cluster.bootstrapServers());
        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).contains("funnel topics create: created 0 topic(s) (all exist)");
    }

    @Test
    @Order(2)
    void produceSendsValidLinesReportsInvalidOnesByLineNumberAndSummarises() throws Exception {
        String t = "\"occurredAt\":\"2026-03-02T09:30:00+08:00\"";
        Path events = tmp.resolve("events.jsonl");
        Files.write(events, List.of(
                "{\"eventId\":\"e-1\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\"," + t + ",\"channel\":\"expo\","
                        + "\"estimatedValue\":\"200000.00\"}",
                "not json",
                "",
                "{\"eventId\":\"e-2\",\"type\":\"StageChanged\",\"leadId\":\"L-1\"," + t + ",\"toStage\":\"nowhere\"}",
                "{\"eventId\":\"e-3\",\"type\":\"LeadUpdated\",\"leadId\":\"L-1\"," + t + ",\"estimatedValue\":\"\"}",
                "{\"eventId\":\"s-1\",\"type\":\"ChannelSpend\",\"channel\":\"expo\",\"date\":\"2026-03-02\","
                        + "\"amount\":\"1200.00\"}",
                "{\"eventId\":\"e-4\",\"type\":\"LeadLost\",\"leadId\":\"L-1\"," + t + ",\"reason\":\"price\"}"));

        CliRun run = CliRun.of("produce", "--config", CONFIG, "--bootstrap-servers", cluster.bootstrapServers(),
                "--schema-registry-url", cluster.registryUrl(), "--events", events.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        List<String> lines = run.err().lines().filter(l -> l.startsWith(events + ":") || l.startsWith("funnel produce"))
                .toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith(events + ":2: ");
        assertThat(lines.get(1)).startsWith(events + ":4: ").contains("nowhere");
        assertThat(lines.get(2))
                .isEqualTo("funnel produce: 7 lines: 3 lead events, 1 channel spend produced; 2 rejected");
        assertThat(count(Topics.LEAD_EVENTS)).isEqualTo(3);
        assertThat(count(Topics.CHANNEL_SPEND)).isEqualTo(1);
    }

    @Test
    @Order(3)
    void runSaysInOneLineThatTheBrokerCannotBeReachedAndExits3() throws Exception {
        String nowhere = "127.0.0.1:" + closedPort();

        CliRun run = CliRun.of("run", "--config", CONFIG, "--bootstrap-servers", nowhere,
                "--schema-registry-url", cluster.registryUrl(), "--state-dir", tmp.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(cliLines(run, "funnel run")).singleElement().asString()
                .startsWith("funnel run: cannot reach Kafka at " + nowhere + " (");
    }

    @Test
    @Order(4)
    void runSaysInOneLineThatTheRegistryCannotBeReachedAndExits3() throws Exception {
        String nowhere = "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7";

        CliRun run = CliRun.of("run", "--config", CONFIG, "--bootstrap-servers", cluster.bootstrapServers(),
                "--schema-registry-url", nowhere, "--state-dir", tmp.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(cliLines(run, "funnel run")).singleElement().asString()
                .startsWith("funnel run: cannot use the schema registry at " + nowhere + " (");
    }

    /** The state of "funnel-guard-run-it" was built under tier B from 150,000; the example says 100,000. */
    @Test
    @Order(5)
    void runOnStateBuiltUnderAnotherFunnelConfigListsTheLinesThatDifferAndExits2() throws Exception {
        String yaml = Files.readString(Path.of(CONFIG)).replace("minValue: 100000", "minValue: 150000");
        ConfigGuard.check(AppConfigLoader.parse(yaml, new AppConfigLoader.Overrides(cluster.bootstrapServers(),
                cluster.registryUrl(), "funnel-guard-run-it", tmp, 3, (short) 1)), Topics.defaults(), Instant.now());

        CliRun run = CliRun.of("run", "--config", CONFIG, "--bootstrap-servers", cluster.bootstrapServers(),
                "--schema-registry-url", cluster.registryUrl(), "--state-dir", tmp.toString(),
                "--application-id", "funnel-guard-run-it");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("funnel run: the funnel config differs from the one application"
                + " \"funnel-guard-run-it\" built its state with (recorded in topic funnel-guard-run-it-funnel-config on ")
                .contains("\n  - tier B minValue=150000 followUpEvery=PT72H\n  + tier B minValue=100000 followUpEvery=PT72H\n");
    }

    @Test
    @Order(5)
    void runWithoutABrokerAddressNamesTheMissingKeyAndExits2() {
        CliRun run = CliRun.of("run", "--config", CONFIG, "--schema-registry-url", cluster.registryUrl());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(cliLines(run, "funnel run")).singleElement().asString()
                .startsWith("funnel run: ").contains("streams.bootstrapServers: missing");
    }

    @Test
    @Order(6)
    void topicsCreateAndProducePrintOnlyTheirOwnLinesByDefault() throws Exception {
        JarRun topics = JarRun.of("topics", "create", "--config", CONFIG, "--bootstrap-servers",
                cluster.bootstrapServers());

        assertThat(topics.exitCode()).as(topics.all()).isZero();
        assertThat(topics.out()).as(topics.all()).isEmpty();
        assertThat(topics.err()).containsExactly("funnel topics create: created 0 topic(s) (all exist)");

        Path events = oneValidOneInvalid("quiet");
        JarRun produce = JarRun.of("produce", "--config", CONFIG, "--bootstrap-servers", cluster.bootstrapServers(),
                "--schema-registry-url", cluster.registryUrl(), "--events", events.toString());

        assertThat(produce.exitCode()).as("some lines rejected: " + produce.all()).isEqualTo(1);
        assertThat(produce.out()).as(produce.all()).isEmpty();
        assertThat(produce.err()).as(produce.all()).hasSize(2);
        assertThat(produce.err().get(0)).startsWith(events + ":2: ");
        assertThat(produce.err().get(1)).isEqualTo("funnel produce: 2 lines: 1 lead events, 0 channel spend produced;"
                + " 1 rejected");
    }

    @Test
    @Order(7)
    void verboseBeforeOrAfterTheCommandAddsTheKafkaClientsInfoLines() throws Exception {
        JarRun topics = JarRun.of("--verbose", "topics", "create", "--config", CONFIG, "--bootstrap-servers",
                cluster.bootstrapServers());

        assertThat(topics.exitCode()).as(topics.all()).isZero();
        assertThat(topics.err()).contains("funnel topics create: created 0 topic(s) (all exist)")
                .anyMatch(l -> l.contains(" INFO org.apache.kafka.") && l.contains("AdminClientConfig values"));

        Path events = oneValidOneInvalid("verbose");
        JarRun produce = JarRun.of("produce", "--verbose", "--config", CONFIG, "--bootstrap-servers",
                cluster.bootstrapServers(), "--schema-registry-url", cluster.registryUrl(), "--events",
                events.toString());

        assertThat(produce.exitCode()).as(produce.all()).isEqualTo(1);
        assertThat(produce.err()).anyMatch(l -> l.startsWith("funnel produce: 2 lines: 1 lead events"))
                .anyMatch(l -> l.contains(" INFO org.apache.kafka.") && l.contains("ProducerConfig values"));
    }

    @Test
    @Order(8)
    void aLogLevelTheUserSetsAsSystemPropertyWinsOverTheQuietDefault() throws Exception {
        JarRun topics = JarRun.of(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=info"), "topics", "create",
                "--config", CONFIG, "--bootstrap-servers", cluster.bootstrapServers());

        assertThat(topics.exitCode()).as(topics.all()).isZero();
        assertThat(topics.err()).contains("funnel topics create: created 0 topic(s) (all exist)")
                .anyMatch(l -> l.contains(" INFO org.apache.kafka.") && l.contains("AdminClientConfig values"));
    }

    @Test
    @Order(9)
    void produceAndAlertsTailNameTheBootstrapServersTheyCannotReachAndExit3() throws Exception {
        String nowhere = "kafka.nowhere.invalid:9092";
        Path events = oneValidOneInvalid("unreachable");

        CliRun produce = CliRun.of("produce", "--config", CONFIG, "--bootstrap-servers", nowhere,
                "--schema-registry-url", cluster.registryUrl(), "--events", events.toString());
        CliRun tail = CliRun.of("alerts", "tail", "--no-follow", "--bootstrap-servers", nowhere,
                "--schema-registry-url", cluster.registryUrl());

        assertThat(produce.exitCode()).as(produce.err()).isEqualTo(3);
        assertThat(cliLines(produce, "funnel produce")).singleElement().asString()
                .startsWith("funnel produce: cannot reach Kafka at " + nowhere + " (")
                .endsWith("check --bootstrap-servers or streams.bootstrapServers, and that the broker is running");
        assertThat(tail.exitCode()).as(tail.err()).isEqualTo(3);
        assertThat(cliLines(tail, "funnel alerts tail")).singleElement().asString()
                .startsWith("funnel alerts tail: cannot reach Kafka at " + nowhere + " (");
        assertThat(produce.err() + tail.err()).doesNotContain("\tat ");
    }

    @Test
    @Order(10)
    void runLogsItsOwnStateChangesButNotKafkaStreamsInfoLinesAndSigtermExits143() throws Exception {
        Path err = tmp.resolve("run.err");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target", "funnel.jar").toString(), "run", "--config", CONFIG, "--bootstrap-servers",
                cluster.bootstrapServers(), "--schema-registry-url", cluster.registryUrl(), "--application-id",
                "funnel-quiet-run-it", "--state-dir", tmp.resolve("state").toString(), "--http-port", "0");
        Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(err.toFile()).start();
        List<String> lines;
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!Files.readString(err).contains("-> RUNNING") && run.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(Files.readString(err)).as("funnel run reaches RUNNING").contains("-> RUNNING");
            run.destroy(); // SIGTERM
            assertThat(run.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
            lines = Files.readAllLines(err);
            lines.forEach(l -> System.out.println("[funnel run] " + l));
        } finally {
            run.destroyForcibly();
        }

        assertThat(run.exitValue()).as(String.join("\n", lines)).isEqualTo(143);
        assertThat(lines).as(String.join("\n", lines))
                .anyMatch(l -> l.matches(".* INFO dev\\.funnelstreams\\.streams\\.runtime\\.FunnelStreamsApp - state"
                        + " CREATED -> REBALANCING"))
                .anyMatch(l -> l.contains(" INFO dev.funnelstreams.streams.http.FunnelHttpServer - HTTP API on http://"))
                .anyMatch(l -> l.startsWith("funnel run: started funnel-streams funnel-quiet-run-it on "))
                .anyMatch(l -> l.startsWith("funnel run: stopped"))
                .noneMatch(l -> l.contains(" INFO ") && !l.contains(" INFO dev.funnelstreams."));
    }

    @Test
    @Order(11)
    void alertsTailSaysThatThereIsNoAlertsTopicInsteadOfCreatingItAndExits3() throws Exception {
        String topic = "quiet-it.no-such-alerts";

        CliRun tail = CliRun.of("alerts", "tail", "--no-follow", "--bootstrap-servers", cluster.bootstrapServers(),
                "--schema-registry-url", cluster.registryUrl(), "--topic", topic);

        assertThat(tail.exitCode()).as(tail.err()).isEqualTo(3);
        assertThat(cliLines(tail, "funnel alerts tail")).containsExactly("funnel alerts tail: no topic " + topic
                + " on " + cluster.bootstrapServers() + " (funnel run creates it, or funnel topics create)");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).doesNotContain(topic);
        }
    }

    /** A lead event (eventId and lead from {@code name}) and a line that is not JSON. */
    private Path oneValidOneInvalid(String name) throws IOException {
        return Files.write(tmp.resolve(name + ".jsonl"), List.of(
                "{\"eventId\":\"" + name + "-1\",\"type\":\"LeadCreated\",\"leadId\":\"" + name + "-L\","
                        + "\"occurredAt\":\"2026-03-02T09:30:00+08:00\",\"channel\":\"expo\"}",
                "not json"));
    }

    /** The command's own stderr lines (the Kafka clients may log there too). */
    private static List<String> cliLines(CliRun run, String prefix) {
        return run.err().lines().filter(l -> l.startsWith(prefix)).toList();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private long count(String topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
