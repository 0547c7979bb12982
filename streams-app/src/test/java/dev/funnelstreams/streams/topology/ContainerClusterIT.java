package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.funnelstreams.core.report.BatchReport;
import dev.funnelstreams.core.report.BatchResult;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.ClientSettings;
import dev.funnelstreams.streams.runtime.EventProducer;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import dev.funnelstreams.testkit.ApicurioRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app (exactly-once, replication factor 3) against three Kafka broker containers ({@link KafkaContainers}:
 * {@code funnel/kafka:0.1.0}, built by docker/build-images.sh; KRaft, min.insync.replicas 2, auto-create off):
 * the outputs equal the batch report, also when one broker container is killed mid-run and started again (one
 * test; the cluster is {@link KafkaContainers#shared}).
 * Runs only with {@code -Pcontainers} (tag "containers"); needs Docker and the image, and says so.
 */
@Tag("containers")
class ContainerClusterIT {

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsDocker() {
        KafkaContainers.requireDockerAndImages("ContainerClusterIT", KafkaContainers.KAFKA_IMAGE);
    }

    /**
     * One cluster for both things the containers show (a cluster start is a quarter of this test's time):
     * <ol>
     *   <li>the pipeline: a third of a generated history (shuffled, with duplicates) produced and processed on
     *       the three broker containers; every output topic equals the batch report of that third;</li>
     *   <li>a broker killed mid-run: the broker container that coordinates the app's group is killed (SIGKILL:
     *       no controlled shutdown, its log is recovered on start) once a third of the second third is
     *       committed; the last third is produced while it is down and processed with two brokers
     *       (min.insync.replicas 2 still met). Then the same container is started again (its data volume and
     *       port kept) and rejoins every ISR. The outputs equal the batch report of the whole history, the DLQ
     *       is empty, the app never failed.</li>
     * </ol>
     */
    @Test
    void pipelineOnThreeBrokerContainersEqualsTheBatchReportAlsoAcrossABrokerKilledAndStartedAgain()
            throws Exception {
        long began = System.nanoTime();
        List<String> lines = FunnelTopologyDifferentialTest.generated(53, 300, 120);
        int third = lines.size() / 3;
        List<String> firstThird = lines.subList(0, third);
        BatchResult firstBatch = BatchReport.run(FunnelTopologyDifferentialTest.CONFIG, firstThird.iterator(),
                Optional.empty());
        BatchResult batch = BatchReport.run(FunnelTopologyDifferentialTest.CONFIG, lines.iterator(), Optional.empty());
        String appId = "funnel-container-it";
        KafkaContainers kafka = KafkaContainers.shared();
        System.out.printf("three broker containers up in %.1f s (or started by an earlier test)%n",
                (System.nanoTime() - began) / 1e9);
        String prefix = "cluster-it.";   // the shared cluster's default topic names are ConnectContainerIT's
        try (ApicurioRegistry registry = ApicurioRegistry.start()) {
            Topics topics = PipelineHarness.prefixed(prefix);
            AppConfig config = PipelineHarness.config(kafka.bootstrapServers(), registry.registryUrl(), appId,
                    tmp.resolve("state"), AlertChecks.TIMERS, (short) 3);
            SerdeFactory serdes = SerdeFactory.of(config.registry());
            Clock clock = Clock.fixed(batch.asOf().plus(Duration.ofDays(1)), ZoneOffset.UTC);
            TopicAdmin.createMissing(config, topics);
            EventProducer producer = new EventProducer(config, topics, serdes, clock);
            assertThat(producer.produce(PipelineHarness.write(tmp, "first.jsonl", firstThird)).rejected()).isEmpty();
            try (FunnelStreamsApp app = FunnelStreamsApp.start(config, topics);
                    Admin admin = Admin.create(ClientSettings.common(config))) {
                // 1. the pipeline on three broker containers
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                        .failFast("app failed", () -> failed(app))
                        .until(() -> PipelineHarness.committedInputs(config, topics) == third);
                PipelineHarness.awaitCaughtUp(config, topics);
                PipelineHarness.assertOutputsEqualBatch(config, serdes, prefix, firstBatch);
                System.out.printf("%d events processed, outputs equal the batch report, %.1f s%n", third,
                        (System.nanoTime() - began) / 1e9);

                // 2. the group coordinator's broker killed mid-run, started again later
                assertThat(producer.produce(PipelineHarness.write(tmp, "second.jsonl",
                        lines.subList(third, 2 * third))).rejected()).isEmpty();
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
                        .failFast("app failed", () -> failed(app))
                        .until(() -> PipelineHarness.committedInputs(config, topics) >= third + third / 3);
                int victim = admin.describeConsumerGroups(List.of(appId)).all().get().get(appId).coordinator().id();
                long killedAt = System.nanoTime();
                kafka.kill(victim);
                long committedAtKill = PipelineHarness.committedInputs(config, topics);
                System.out.printf("killed broker container %d (the group coordinator) with %d of %d input records"
                        + " committed%n", victim, committedAtKill, lines.size());
                assertThat(kafka.isRunning(victim)).isFalse();

                assertThat(producer.produce(PipelineHarness.write(tmp, "third.jsonl",
                        lines.subList(2 * third, lines.size()))).rejected()).isEmpty();
                await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(500))
                        .failFast("app failed", () -> failed(app))
                        .until(() -> PipelineHarness.committedInputs(config, topics) == lines.size());
                System.out.printf("all %d input records committed with broker %d down, %.1f s after the kill%n",
                        lines.size(), victim, (System.nanoTime() - killedAt) / 1e9);
                assertThat(kafka.isRunning(victim)).as("broker %d still down", victim).isFalse();

                kafka.start(victim);
                long startedAt = System.nanoTime();
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> assertThat(underReplicated(admin)).as("partitions missing broker "
                                + victim + " in their ISR; its log:\n" + kafka.logs(victim, 30)).isEmpty());
                System.out.printf("broker %d back in every ISR %.1f s after its start%n", victim,
                        (System.nanoTime() - startedAt) / 1e9);
                PipelineHarness.awaitCaughtUp(config, topics);
                assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
                PipelineHarness.assertOutputsEqualBatch(config, serdes, prefix, batch);
                assertThat(PipelineHarness.readAll(config, topics.dlq())).as("DLQ").isEmpty();
            }
        }
        System.out.printf("ContainerClusterIT: %d events, %.1f s%n", lines.size(), (System.nanoTime() - began) / 1e9);
    }

    static boolean failed(FunnelStreamsApp app) {
        return app.state() == KafkaStreams.State.ERROR || app.state() == KafkaStreams.State.PENDING_ERROR
                || app.state() == KafkaStreams.State.NOT_RUNNING;
    }

    /** Every partition (internal topics too) whose ISR is not all three brokers. */
    private static List<String> underReplicated(Admin admin) throws Exception {
        var names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        return admin.describeTopics(names).allTopicNames().get().values().stream()
                .flatMap((TopicDescription d) -> d.partitions().stream()
                        .filter(p -> p.isr().size() < KafkaContainers.NODES)
                        .map(p -> d.name() + "-" + p.partition() + " isr " + p.isr()))
                .toList();
    }
}
