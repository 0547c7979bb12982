package dev.funnelstreams.streams.runtime;

import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;

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
        out.add(new NewTopic(topics.rejected(), partitions, replicationFactor));
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
            List<String> names = missing.stream().map(NewTopic::name).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                awaitWritable(admin, names);
            }
            return names;
        }
    }

    /**
     * Waits until every partition of the given topics answers a ListOffsets on its leader, that is,
     * until the leader has the partition, not only the controller. A topic is in the metadata a
     * moment before its leader can append to it; an idempotent producer that starts in that moment
     * gets NOT_LEADER_OR_FOLLOWER for its first batch to a partition, and a later batch can be appended
     * first (a producer with no state on a partition may start at any sequence), after which the
     * first batch's retry is out of order until delivery.timeout.ms: the producer hangs for two
     * minutes. The broker may also not know the topic yet at all (UNKNOWN_TOPIC_OR_PARTITION, which
     * DescribeTopics does not retry): any retriable error asks again, for up to 60 s.
     */
    public static void awaitWritable(Admin admin, List<String> topicNames)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                for (TopicDescription d : admin.describeTopics(topicNames).allTopicNames()
                        .get(60, TimeUnit.SECONDS).values()) {
                    for (TopicPartitionInfo p : d.partitions()) {
                        partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                    }
                }
                admin.listOffsets(partitions).all().get(60, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
