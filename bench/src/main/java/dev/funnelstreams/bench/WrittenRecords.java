package dev.funnelstreams.bench;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;

/**
 * What one app run wrote, per topic: the offsets its partitions advanced (Admin end offsets before and after) and the
 * data records among them. Under exactly-once every transaction also writes one commit marker to each partition it
 * wrote to, and a marker takes an offset, so the offsets overstate the records. The data records are the app's own
 * producers' count ({@code producer-topic-metrics} per topic, summed over the stream threads' producers, read just
 * before the app closes): every write of an EOS app (sinks, changelogs, repartition, DLQ) goes through those
 * producers. {@code record-send-total} counts a batch each time it is sent, so a batch retried (the broker answers
 * CONCURRENT_TRANSACTIONS while the previous commit completes) is counted again; {@code record-retry-total} counts
 * those retries, and records = sends - retries. Offsets minus records = markers (plus aborted records, none in a
 * clean run). Counting by consuming with read_committed would miss the repartition records that Kafka Streams
 * purges once they are committed.
 */
public final class WrittenRecords {

    /** One topic's line. */
    public record Topic(long offsets, long records, long retries) {

        public long markers() {
            return offsets - records;
        }
    }

    private WrittenRecords() {
    }

    /** Per topic written by the run; inputs and untouched topics left out. */
    public static Map<String, Topic> of(Map<TopicPartition, Long> before, Map<TopicPartition, Long> after,
            Map<MetricName, ? extends Metric> metrics) {
        Map<String, Long> sent = sum(metrics, "record-send-total");
        Map<String, Long> retries = sum(metrics, "record-retry-total");
        Map<String, Long> offsets = new TreeMap<>();
        after.forEach((tp, end) -> {
            long span = end - before.getOrDefault(tp, 0L);
            if (span > 0) {
                offsets.merge(tp.topic(), span, Long::sum);
            }
        });
        Map<String, Topic> out = new TreeMap<>();
        offsets.forEach((topic, span) -> {
            if (sent.containsKey(topic)) {
                long retried = retries.getOrDefault(topic, 0L);
                out.put(topic, new Topic(span, sent.get(topic) - retried, retried));
            }
        });
        return out;
    }

    private static Map<String, Long> sum(Map<MetricName, ? extends Metric> metrics, String name) {
        Map<String, Long> out = new TreeMap<>();
        metrics.forEach((n, m) -> {
            if (n.group().equals("producer-topic-metrics") && n.name().equals(name) && n.tags().containsKey("topic")
                    && m.metricValue() instanceof Number v) {
                out.merge(n.tags().get("topic"), Math.round(v.doubleValue()), Long::sum);
            }
        });
        return out;
    }

    /** Prints the per-topic table (markdown) and the per-event totals. */
    public static void print(Progress out, String run, Map<String, Topic> topics, long inputs) {
        out.raw("");
        out.raw("%s: records written per input event (%,d input events)", run, inputs);
        out.raw("| topic | offsets | data records | markers | retried sends | records / event |");
        out.raw("| --- | ---: | ---: | ---: | ---: | ---: |");
        long offsets = 0;
        long records = 0;
        for (Map.Entry<String, Topic> e : topics.entrySet()) {
            Topic t = e.getValue();
            out.raw("| %s | %,d | %,d | %,d | %,d | %.2f |", e.getKey(), t.offsets(), t.records(), t.markers(),
                    t.retries(), t.records() / (double) inputs);
            offsets += t.offsets();
            records += t.records();
        }
        out.raw("| all | %,d | %,d | %,d | | %.2f |", offsets, records, offsets - records, records / (double) inputs);
        if (topics.values().stream().anyMatch(t -> t.markers() < 0)) {
            out.raw("warning: a topic has more records than offsets: the producer metrics over-count (a producer"
                    + " replaced during the run?)");
        }
        out.raw("");
    }

    /** Data records of all topics per input event. */
    public static double perEvent(Map<String, Topic> topics, long inputs) {
        return topics.values().stream().mapToLong(Topic::records).sum() / (double) inputs;
    }
}
