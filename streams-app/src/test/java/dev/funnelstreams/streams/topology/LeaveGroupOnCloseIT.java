package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.ClientSettings;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streams.leaveGroupOnClose}: a stopped instance leaves its consumer group at once by default
 * (its partitions move without waiting out its session), and stays a member until its session
 * ends when set to false (static membership keeps its tasks across a quick restart).
 */
@WithKafkaAndRegistry
class LeaveGroupOnCloseIT {

    private TestCluster cluster;

    @TempDir
    Path tmp;

    @Test
    void aStoppedInstanceLeavesItsGroupByDefault() throws Exception {
        AppConfig config = PipelineHarness.config(cluster, "leave-group-it", tmp.resolve("state"));
        assertThat(config.leaveGroupOnClose()).isTrue();
        runAndClose(config, "lg1.");
        // far sooner than the 45 s session a member that stays would hold its partitions
        await().atMost(Duration.ofSeconds(5)).until(() -> members(config).isEmpty());
    }

    @Test
    void aStoppedInstanceStaysInItsGroupWhenConfiguredNotToLeave() throws Exception {
        AppConfig config = PipelineHarness.config(cluster.bootstrapServers(), cluster.registryUrl(), "remain-group-it",
                tmp.resolve("state"), "  leaveGroupOnClose: false\n");
        assertThat(config.leaveGroupOnClose()).isFalse();
        runAndClose(config, "lg2.");
        // one static member per stream thread
        assertThat(members(config)).hasSize(PipelineHarness.streamThreads(config));
    }

    /** Runs the app on topics of its own until it is RUNNING, then closes it. */
    private static void runAndClose(AppConfig config, String prefix) throws Exception {
        Topics topics = PipelineHarness.prefixed(prefix);
        TopicAdmin.createMissing(config, topics);
        try (FunnelStreamsApp app = FunnelStreamsApp.start(config, topics)) {
            await().atMost(Duration.ofMinutes(2)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
        }
    }

    private static List<MemberDescription> members(AppConfig config) throws Exception {
        try (Admin admin = Admin.create(ClientSettings.common(config))) {
            return List.copyOf(admin.describeConsumerGroups(List.of(config.applicationId()))
                    .describedGroups().get(config.applicationId()).get(30, TimeUnit.SECONDS).members());
        }
    }
}
