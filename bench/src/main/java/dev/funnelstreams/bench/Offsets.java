package dev.funnelstreams.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** End offsets and a group's committed offsets through one {@link Admin}, summed or per partition. */
public final class Offsets {

    private static final long TIMEOUT_S = 30;

    private final Admin admin;

    public Offsets(Admin admin) {
        this.admin = admin;
    }

    /** The topics of the cluster (internal ones such as __consumer_offsets excluded). */
    public Set<String> topics() throws InterruptedException, ExecutionException, TimeoutException {
        return admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** The end (log end) offset of every partition of {@code topics}. */
    public Map<TopicPartition, Long> ends(Collection<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS).forEach((name, d) -> d
                .partitions().forEach(p -> ask.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        return admin.listOffsets(ask).all().get(TIMEOUT_S, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The committed offsets of {@code group} (partitions without a commit are absent). */
    public Map<TopicPartition, Long> committed(String group)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> c = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        c.forEach((tp, om) -> {
            if (om != null) {
                out.put(tp, om.offset());
            }
        });
        return out;
    }

    /** The sum of {@code group}'s committed offsets on the partitions of {@code topics}. */
    public long committedSum(String group, Collection<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        return committed(group).entrySet().stream().filter(e -> topics.contains(e.getKey().topic()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * Whether {@code group} has committed every partition of {@code topics} up to its end, less {@code slack}: 1 for
     * a topic written in transactions, whose last offset can be a commit marker that no consumer position passes.
     */
    public boolean caughtUp(String group, Collection<String> topics, int slack)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, Long> committed = committed(group);
        return ends(topics).entrySet().stream().allMatch(e -> {
            long end = e.getValue();
            Long c = committed.get(e.getKey());
            return end == 0 || (c != null && c >= end - slack);
        });
    }
}
