package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.AppConfigLoader;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.ClientSettings;
import dev.funnelstreams.streams.runtime.ConfigGuard;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application refuses to go on with state built under another funnel config (a changed tier would
 * put a lead's new numbers under another tier than its stored ones), and goes on after the changes that
 * keep the state, on a real broker.
 */
@WithKafkaAndRegistry
class ConfigGuardIT {

    private static final Instant NOW = Instant.parse("2026-11-15T00:00:00Z");
    /** Topics this test never creates: no partition lines. */
    private static final Topics TOPICS = PipelineHarness.prefixed("config-guard-none.");

    private TestCluster cluster;

    @TempDir
    Path tmp;

    private AppConfig config(String applicationId, String from, String to) throws Exception {
        String yaml = Files.readString(Path.of("src/test/resources/funnel.yaml"));
        assertThat(yaml).contains(from);
        return AppConfigLoader.parse(yaml.replace(from, to), new AppConfigLoader.Overrides(cluster.bootstrapServers(),
                cluster.registryUrl(), applicationId, tmp.resolve(applicationId), 3, (short) 1).withHttp(null, 0, null));
    }

    @Test
    void aChangedTierIsRefusedWithTheLinesThatDifferAndDisplayNamesOrAFutureTargetAreNot() throws Exception {
        String app = "config-guard-it";
        String topic = ConfigGuard.topic(app);

        ConfigGuard.check(config(app, "", ""), TOPICS, NOW);
        assertThat(values(topic)).singleElement().asString().contains("tier B minValue=100000 followUpEvery=PT72H");

        // display names: nothing stored depends on them, nothing written
        ConfigGuard.check(config(app, "name: 线索获取", "name: Leads"), TOPICS, NOW);
        assertThat(values(topic)).hasSize(1);

        assertThatThrownBy(() -> ConfigGuard.check(config(app, "minValue: 100000", "minValue: 150000"), TOPICS, NOW))
                .isInstanceOf(ConfigGuard.Changed.class)
                .hasMessageContaining("application \"config-guard-it\" built its state with (recorded in topic "
                        + topic + " on ")
                .hasMessageContaining("\n  - tier B minValue=100000 followUpEvery=PT72H\n"
                        + "  + tier B minValue=150000 followUpEvery=PT72H\n")
                .hasMessageContaining("a new applicationId");
        assertThat(values(topic)).as("a refused config is not recorded").hasSize(1);

        // a target for a year no event can be in yet keeps the state; it becomes the recorded config
        AppConfig withTarget = config(app, "  targets:", "  targets:\n    2099: {lead: 10}");
        ConfigGuard.check(withTarget, TOPICS, NOW);
        assertThat(values(topic)).hasSize(2).last().asString().contains("target 2099 lead");
        // and removing it again is a change: its target-progress record would stay, no longer updated
        assertThatThrownBy(() -> ConfigGuard.check(config(app, "", ""), TOPICS, NOW))
                .isInstanceOf(ConfigGuard.Changed.class).hasMessageContaining("\n  - target 2099 lead\n");
        ConfigGuard.check(withTarget, TOPICS, NOW);

        // the app checks before it starts anything
        assertThatThrownBy(() -> FunnelStreamsApp.start(config(app, "timezone: Asia/Shanghai", "timezone: Asia/Tokyo"),
                TOPICS))
                .isInstanceOf(ConfigGuard.Changed.class)
                .hasMessageContaining("\n  - timezone Asia/Shanghai\n  - target 2099 lead\n  + timezone Asia/Tokyo\n");
        assertThat(tmp.resolve(app)).as("no state directory made").doesNotExist();
    }

    /** A lead's events follow its leadId's partition: with more partitions its next event finds no state there. */
    @Test
    void moreInputPartitionsAreRefusedAndAnInputSeenForTheFirstTimeIsNot() throws Exception {
        String app = "config-guard-it-partitions";
        Topics topics = PipelineHarness.prefixed("guard-p.");
        AppConfig config = config(app, "", "");
        ConfigGuard.check(config, topics, NOW); // no input topic yet: nothing to compare later
        TopicAdmin.createMissing(config, topics);
        ConfigGuard.check(config, topics, NOW);
        assertThat(values(ConfigGuard.topic(app))).hasSize(2).last().asString()
                .contains("input " + topics.leadEvents() + " partitions 3\n")
                .contains("input " + topics.channelSpend() + " partitions 3\n");
        ConfigGuard.check(config, topics, NOW);
        assertThat(values(ConfigGuard.topic(app))).hasSize(2);

        try (Admin admin = Admin.create(ClientSettings.common(config))) {
            admin.createPartitions(Map.of(topics.leadEvents(), NewPartitions.increaseTo(4))).all().get();
        }
        assertThatThrownBy(() -> ConfigGuard.check(config, topics, NOW))
                .isInstanceOf(ConfigGuard.Changed.class)
                .hasMessageStartingWith("the funnel config or the input topics' partitions differ from those application"
                        + " \"config-guard-it-partitions\" built its state with")
                .hasMessageContaining("\n  - input guard-p.crm.lead-events partitions 3\n"
                        + "  + input guard-p.crm.lead-events partitions 4\n")
                .hasMessageContaining("would count as a new lead");
    }

    @Test
    void anotherApplicationHasItsOwnRecord() throws Exception {
        ConfigGuard.check(config("config-guard-it-a", "", ""), TOPICS, NOW);
        ConfigGuard.check(config("config-guard-it-b", "minValue: 100000", "minValue: 150000"), TOPICS, NOW);
        assertThat(values(ConfigGuard.topic("config-guard-it-b"))).singleElement().asString()
                .contains("tier B minValue=150000");
    }

    private List<String> values(String topic) {
        Map<String, Object> props = ClientSettings.common(config0());
        TopicPartition p = new TopicPartition(topic, 0);
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            c.assign(List.of(p));
            c.seekToBeginning(List.of(p));
            long end = c.endOffsets(List.of(p)).get(p);
            while (c.position(p) < end) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
        }
        return out;
    }

    private AppConfig config0() {
        try {
            return config("unused", "", "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
