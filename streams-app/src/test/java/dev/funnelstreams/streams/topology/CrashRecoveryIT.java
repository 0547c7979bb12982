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
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fast recovery after kill -9: the app runs in a child JVM with Kafka's default 45 s consumer session, is
 * killed mid-run, and restarts on the same host and state directory. As a static member with the same
 * {@code group.instance.id} (streams.staticMembership, the default) it rejoins at once instead of waiting for
 * the dead member's session to expire. The times are printed; the test asserts that processing resumed well
 * before a 45 s session could have ended, and that the outputs equal the batch report.
 */
@WithKafkaAndRegistry
class CrashRecoveryIT {

    private static final String PREFIX = "recovery-it.";
    private static final Duration KAFKA_SESSION = Duration.ofSeconds(45);

    private TestCluster cluster;

    @TempDir
    Path tmp;

    @Test
    void aKilledInstanceRestartedOnItsStateDirectoryProcessesAgainWithoutWaitingOutItsSession() throws Exception {
        List<String> lines = FunnelTopologyDifferentialTest.generated(29, 400, 120);
        BatchResult batch = BatchReport.run(FunnelTopologyDifferentialTest.CONFIG, lines.iterator(), Optional.empty());
        Path state = tmp.resolve("state");
        AppConfig config = PipelineHarness.config(cluster, "funnel-recovery-it", state);
        assertThat(config.staticMembership()).isTrue();
        Topics topics = PipelineHarness.prefixed(PREFIX);
        SerdeFactory serdes = SerdeFactory.of(config.registry());
        Clock clock = Clock.fixed(batch.asOf().plus(Duration.ofDays(1)), ZoneOffset.UTC);
        TopicAdmin.createMissing(config, topics);
        EventProducer producer = new EventProducer(config, topics, serdes, clock);
        assertThat(producer.produce(PipelineHarness.write(tmp, "all.jsonl", lines)).rejected()).isEmpty();

        Path log = tmp.resolve("child.log");
        Process child = ChildJvmApp.start(log, config.bootstrapServers(), config.schemaRegistryUrl(),
                config.applicationId(), state.toString(), PREFIX, ChildJvmApp.KAFKA_SESSION);
        long killedAt;
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !child.isAlive() || PipelineHarness.committedInputs(config, topics) >= lines.size() / 4);
            assertThat(child.isAlive()).as("child JVM running; its log:%n%s", Files.readString(log)).isTrue();
            child.destroyForcibly();
            child.waitFor();
            killedAt = PipelineHarness.committedInputs(config, topics);
        } finally {
            child.destroyForcibly();
        }
        assertThat(killedAt).as("committed input records when killed").isLessThan(lines.size());

        long started = System.nanoTime();
        double running;
        double processing;
        double caughtUp;
        try (FunnelStreamsApp app = FunnelStreamsApp.start(config, topics)) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> app.state() == KafkaStreams.State.RUNNING);
            running = seconds(started);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> PipelineHarness.committedInputs(config, topics) > killedAt);
            processing = seconds(started);
            PipelineHarness.awaitCaughtUp(config, topics);
            caughtUp = seconds(started);
        }
        System.out.printf("recovery after kill -9 (%d of %d inputs committed): RUNNING after %.1f s, processing after"
                + " %.1f s, caught up after %.1f s%n", killedAt, lines.size(), running, processing, caughtUp);
        assertThat(processing).as("seconds until the restarted instance committed new input")
                .isLessThan(KAFKA_SESSION.toSeconds() * 2.0 / 3);

        PipelineHarness.assertOutputsEqualBatch(config, serdes, PREFIX, batch);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
