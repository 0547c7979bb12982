package dev.funnelstreams.demo;

import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** The one topic the demo adds to the app's own: the connector's rejected rows. */
final class DemoTopics {

    /** The file connector's rejected rows (they may hold contact data: same access as the input). */
    static final String REJECTED = "crm.rejected";

    private DemoTopics() {
    }

    static void createRejected(AppConfig config) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (!existing.contains(REJECTED)) {
                admin.createTopics(List.of(new NewTopic(REJECTED, 1, config.replicationFactor())))
                        .all().get(30, TimeUnit.SECONDS);
                TopicAdmin.awaitWritable(admin, List.of(REJECTED));
            }
        }
    }
}
