package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.funnelstreams.core.report.BatchReport;
import dev.funnelstreams.core.report.BatchResult;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.ClientSettings;
import dev.funnelstreams.streams.runtime.ConfigGuard;
import dev.funnelstreams.streams.runtime.EventProducer;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.Preflight;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import dev.funnelstreams.testkit.EmbeddedKafkaBroker;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a broker with ACLs (SASL/PLAIN, KRaft's StandardAuthorizer) the app runs with exactly the ACLs the
 * README's "Kafka ACLs" lists, with the batch report's numbers, and a missing ACL stops its start with one
 * line naming what was refused instead of a stack trace.
 */
@WithKafkaAndRegistry
class BrokerAclsIT {

    private static final String PREFIX = "acl-it.";
    private static final String APP = "funnel-acl-it";
    private static final String PRINCIPAL = "User:app";
    private static EmbeddedKafkaBroker secured;

    private TestCluster cluster;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBrokerWithAcls() {
        secured = EmbeddedKafkaBroker.startWithAcls("app", "app-secret");
    }

    @AfterAll
    static void stopBroker() {
        if (secured != null) {
            secured.close();
        }
    }

    /** The app as the principal {@code app}, on the SASL listener: the client settings go under streams.kafka. */
    private AppConfig appConfig() {
        return PipelineHarness.config(secured.saslBootstrapServers(), cluster.registryUrl(), APP, tmp.resolve("state"),
                """
                  kafka:
                    security.protocol: SASL_PLAINTEXT
                    sasl.mechanism: PLAIN
                    sasl.jaas.config: 'org.apache.kafka.common.security.plain.PlainLoginModule required username="app" password="app-secret";'
                """);
    }

    /** The same application as the test's super user, on the PLAINTEXT listener: topics, events, read-back. */
    private AppConfig adminConfig() {
        return PipelineHarness.config(secured.bootstrapServers(), cluster.registryUrl(), APP, tmp.resolve("admin"));
    }

    @Test
    void eachMissingAclIsOneLineAndTheDocumentedOnesRunTheAppWithTheBatchReportsNumbers() throws Exception {
        Topics topics = PipelineHarness.prefixed(PREFIX);
        AppConfig admin = adminConfig();
        AppConfig app = appConfig();

        // no ACL at all: the app cannot even see its topics, and may not create them
        assertThatThrownBy(() -> FunnelStreamsApp.start(app, topics))
                .isInstanceOf(Preflight.Unreachable.class)
                .hasMessageStartingWith("the Kafka broker at " + secured.saslBootstrapServers() + " refused the app "
                        + "finding or creating its topics " + PREFIX + "crm.lead-events, ")
                .hasMessageContaining(" (TopicAuthorizationException: ")
                .hasMessageContaining("prefixed with its applicationId \"" + APP + "\" (README.md, \"Kafka ACLs\")")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        // the topics made by an operator, and READ / WRITE on them: the config guard's topic is still refused
        TopicAdmin.createMissing(admin, topics);
        List<AclBinding> topicAcls = new ArrayList<>();
        for (String input : topics.inputs()) {
            topicAcls.add(allow(ResourceType.TOPIC, input, PatternType.LITERAL, AclOperation.READ));
        }
        for (String output : topics.all()) {
            if (!topics.inputs().contains(output)) {
                topicAcls.add(allow(ResourceType.TOPIC, output, PatternType.LITERAL, AclOperation.WRITE));
            }
        }
        grant(topicAcls);
        assertThatThrownBy(() -> FunnelStreamsApp.start(app, topics))
                .isInstanceOf(Preflight.Unreachable.class)
                .hasMessageContaining(" refused the app creating, reading or writing " + ConfigGuard.topic(APP)
                        + " (TopicAuthorizationException: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        // the rest of the README's list: everything prefixed with the applicationId
        grant(List.of(allow(ResourceType.TOPIC, APP, PatternType.PREFIXED, AclOperation.ALL),
                allow(ResourceType.GROUP, APP, PatternType.PREFIXED, AclOperation.ALL),
                allow(ResourceType.TRANSACTIONAL_ID, APP, PatternType.PREFIXED, AclOperation.ALL)));
        List<String> lines = FunnelTopologyDifferentialTest.generated(41, 150, 90);
        BatchResult batch = BatchReport.run(FunnelTopologyDifferentialTest.CONFIG, lines.iterator(), Optional.empty());
        SerdeFactory serdes = SerdeFactory.of(admin.registry());
        Clock clock = Clock.fixed(batch.asOf().plus(Duration.ofDays(1)), ZoneOffset.UTC);
        EventProducer crm = new EventProducer(admin, topics, serdes, clock);
        assertThat(crm.produce(PipelineHarness.write(tmp, "all.jsonl", lines)).rejected()).isEmpty();
        try (FunnelStreamsApp running = FunnelStreamsApp.start(app, topics)) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> running.state() == KafkaStreams.State.RUNNING);
            PipelineHarness.awaitCaughtUp(admin, topics);
            assertThat(running.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
        PipelineHarness.assertOutputsEqualBatch(admin, serdes, PREFIX, batch);
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(PRINCIPAL, "*", operation, AclPermissionType.ALLOW));
    }

    /** Creates the ACLs and waits until the broker's authorizer has them (they travel through the metadata log). */
    private void grant(List<AclBinding> acls) throws Exception {
        try (Admin a = Admin.create(ClientSettings.common(adminConfig()))) {
            a.createAcls(acls).all().get();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> a.describeAcls(AclBindingFilter.ANY).values().get()
                            .containsAll(acls));
        }
    }
}
