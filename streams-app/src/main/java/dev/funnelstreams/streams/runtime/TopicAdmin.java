package dev.funnelstreams.streams.runtime;

import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the pipeline's topics: inputs and DLQ with the configured partitions and replication,
 * the upsert outputs compacted. Existing topics are left as they are.
 */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    /** The topics to create: name -> settings. */
    public static List<NewTopic> plan(Topics topics, int partitions, short replicationFactor) {
        List<NewTopic> out = new ArrayList<>();
        for (String t : topics.inputs()) {
            out.add(new NewTopic(t, partitions, replicationFactor));
        }
        for (String t : topics.upsertOutputs()) {
            out.add(new NewTopic(t, partitions, replicationFactor)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        }
        out.add(new NewTopic(topics.dlq(), partitions, replicationFactor));
        return out;
    }

    /** Creates the missing topics; returns the names created. */
    public static List<String> createMissing(AppConfig config, Topics topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(ClientSettings.common(config))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = plan(topics, config.partitions(), config.replicationFactor()).stream()
                    .filter(t -> !existing.contains(t.name()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        }
    }
}
