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
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once across a crash: the app runs in a child JVM and is killed (SIGKILL, no shutdown
 * code, an open transaction) while it is part-way through the input; more events arrive while it
 * is down; the app restarts on the same state directory and topics. The outputs then equal the
 * batch report: the aborted transaction's records are not read, and nothing is counted twice. The
 * killed app runs the documented low-latency setting ({@link ClientSettings#LOW_LATENCY}: 50 ms
 * commits, no record cache, so its stores' changelog records are written as it processes, inside
 * the transaction the kill leaves open); the restarted one the defaults. {@code RepeatedKillIT} and
 * {@code CrashRecoveryIT} kill apps on the defaults.
 */
@WithKafkaAndRegistry
class KilledAppRestartIT {

    private static final String PREFIX = "kill-it.";

    private TestCluster cluster;

    @TempDir
    Path tmp;

    @Test
    void appKilledMidProcessingAndRestartedOnTheSameStateCountsNothingTwice() throws Exception {
        List<String> lines = FunnelTopologyDifferentialTest.generated(23, 400, 120);
        int cut = lines.size() * 3 / 4;
        BatchResult batch = BatchReport.run(FunnelTopologyDifferentialTest.CONFIG, lines.iterator(), Optional.empty());
        Path state = tmp.resolve("state");
        AppConfig config = PipelineHarness.config(cluster, "funnel-kill-it", state);
        assertThat(config.processingGuarantee()).isEqualTo("exactly_once_v2");
        Topics topics = PipelineHarness.prefixed(PREFIX);
        SerdeFactory serdes = SerdeFactory.of(config.registry());
        Clock clock = Clock.fixed(batch.asOf().plus(Duration.ofDays(1)), ZoneOffset.UTC);
        TopicAdmin.createMissing(config, topics);
        EventProducer producer = new EventProducer(config, topics, serdes, clock);
        assertThat(producer.produce(PipelineHarness.write(tmp, "first.jsonl", lines.subList(0, cut))).rejected())
                .isEmpty();

        Path log = tmp.resolve("child.log");
        Process child = ChildJvmApp.start(log, config.bootstrapServers(), config.schemaRegistryUrl(),
                config.applicationId(), state.toString(), PREFIX, PipelineHarness.lowLatencyKafka());
        long killedAt;
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !child.isAlive() || PipelineHarness.committedInputs(config, topics) >= cut / 4);
            assertThat(child.isAlive()).as("child JVM running; its log:%n%s", Files.readString(log)).isTrue();
            child.destroyForcibly();
            child.waitFor();
            killedAt = PipelineHarness.committedInputs(config, topics);
        } finally {
            child.destroyForcibly();
        }
        System.out.printf("killed the app with %d of %d input records committed%n", killedAt, cut);
        assertThat(killedAt).as("committed input records when killed").isLessThan(cut);

        assertThat(producer.produce(PipelineHarness.write(tmp, "second.jsonl", lines.subList(cut, lines.size())))
                .rejected()).isEmpty();
        try (FunnelStreamsApp app = FunnelStreamsApp.start(config, topics)) {
            PipelineHarness.awaitCaughtUp(config, topics);
        }

        PipelineHarness.assertOutputsEqualBatch(config, serdes, PREFIX, batch);
    }
}
