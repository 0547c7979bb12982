package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.core.alert.Alert;
import dev.funnelstreams.core.alert.AlertType;
import dev.funnelstreams.core.metrics.view.OutputRecord;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.core.report.BatchReport;
import dev.funnelstreams.core.report.BatchResult;
import dev.funnelstreams.registry.KafkaAvroDeserializer;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.AvroJson;
import dev.funnelstreams.streams.runtime.Outputs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What the fault ITs check on {@code funnel.alerts}, after the outputs: the alerts open on the topic
 * (latest value per alertId, read_committed) are the batch report's at the same instant, and no
 * fault made the app raise an alert twice.
 */
public final class AlertChecks {

    /**
     * Timers for the fault ITs: the generated history is one backlog (every event is older than
     * maxLag); the gate opens 1 s after a task's last backlog event, so the alerts come out right
     * after the catch-up, and also in every pause a fault makes (a stopped broker, a registry
     * outage, a restart), which is what puts raises before a crash.
     */
    public static final String TIMERS =
            "  alertTimers: {interval: PT0.2S, maxLag: PT5M, idleAfter: PT1S, maxFires: 10000}\n";

    private AlertChecks() {
    }

    /**
     * Waits until the open STALL and FOLLOW_UP_OVERDUE alerts on the topic equal the batch report's
     * at now (raisedAt aside) and every open CONVERSION_DROP is one of the batch's (the app closes
     * weeks by event time, the batch at now), then checks every alertId's records, in offset order
     * (one alertId lives in one partition), against the rule below. Returns how many alertIds there were.
     *
     * <p>"Raised exactly once" does not hold for these inputs, for documented reasons, so the precise
     * rule is checked instead. The generated input is shuffled (events of a lead arrive out of time
     * order), and the fault ITs open the catch-up gate after 1 s ({@link #TIMERS}), so alerts are raised
     * in every pause a fault makes, on partial histories. A later, earlier-dated event can then end
     * what the partial history showed (CLEARED, tombstone) and a still later one bring back the very
     * same alertId (same lead, stage and instant): RepeatedKillIT saw L-002046's StageChanged back to
     * its first stage (2026-05-04) arrive first (a stay since 05-04: STALL raised), then its LeadCreated
     * (02-10: a move to the current stage is no new stay, so no stay since 05-04: CLEARED), then its
     * LeadLost (02-16, so the 05-04 move reopens the lead: the stay since 05-04 again, raised again).
     * FOLLOW_UP_OVERDUE's alertId names the current stage, so a late StageChanged does the same to it.
     * CONVERSION_DROP is retracted and raised again when late events change a closed week
     * (architecture.md, "Alert timers"). What a fault must never do is write an alert twice: a replayed
     * transaction or a lost raised-list would write a RAISED while the alert is open, identical but for
     * raisedAt. So, per alertId:
     * <ul>
     * <li>a RAISED while the alert is open is a re-send and must differ in content (owner, tier,
     * channel changed; a drop's figures changed), never an identical copy;
     * <li>a CLEARED closes an open STALL or FOLLOW_UP_OVERDUE and is followed by its tombstone, with
     * nothing between them; a drop is closed by a tombstone alone; nothing closes what is not open;
     * <li>the alertId is raised at least once; a second raise comes only after it was closed.
     * </ul>
     * The topic is compacted, and its segments roll early (a drop carries its week's event time, a lead alert
     * the wall clock: a segment rolls once a record is 7 days past its first one), so the broker's log cleaner
     * may compact it while the test runs. Below {@code cleanedBelow} a key keeps only its latest record: an
     * alertId whose first record lies there may begin with the tombstone or CLEARED of a raise that was
     * removed ({@link #problem}).
     */
    public static int assertOpenAlertsEqualBatchAndEachRaisedOnce(AppConfig config, SerdeFactory serdes,
            Topics topics, List<String> lines, Supplier<Map<TopicPartition, Long>> cleanedBelow) {
        // the history ends months before now: no deadline falls in the few minutes this check takes
        Instant now = Instant.now();
        BatchResult batch = BatchReport.run(config.funnel(), lines.iterator(), Optional.of(now));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> openAlertsEqualBatch(config, serdes, topics, batch, now));
        KafkaAvroDeserializer<SpecificRecord> de = new KafkaAvroDeserializer<>(serdes.client());
        Map<String, List<JsonNode>> byId = new LinkedHashMap<>();
        // where each record sits (partition@offset), for the failure message: if a problem recurs, its log
        // tells which partitions and how far apart
        Map<String, List<String>> positions = new LinkedHashMap<>();
        Map<String, ConsumerRecord<byte[], byte[]>> first = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : PipelineHarness.readAll(config, topics.alerts())) {
            String id = AvroJson.of(de.deserialize(topics.alerts(), r.key())).get("alertId").asText();
            byId.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(r.value() == null ? null : AvroJson.of(de.deserialize(topics.alerts(), r.value())));
            positions.computeIfAbsent(id, k -> new ArrayList<>()).add(r.partition() + "@" + r.offset());
            first.putIfAbsent(id, r);
        }
        // read after the records: the cleaner only moves forward, so a record it had compacted past when it was
        // read is below this
        Map<TopicPartition, Long> cleaned = cleanedBelow.get();
        Map<String, String> problems = new TreeMap<>();
        Map<String, Integer> resends = new TreeMap<>();
        Map<String, Integer> raisedAgain = new TreeMap<>();
        int compactedIds = 0;
        for (Map.Entry<String, List<JsonNode>> e : byId.entrySet()) {
            ConsumerRecord<byte[], byte[]> r = first.get(e.getKey());
            boolean compacted = r.offset() < cleaned.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L);
            compactedIds += compacted ? 1 : 0;
            String problem = problem(e.getValue(), compacted, resends, raisedAgain);
            if (problem != null) {
                problems.put(e.getKey(), problem + " (records at " + positions.get(e.getKey()) + "): " + e.getValue());
            }
        }
        System.out.printf("alerts: %d alertIds; re-sends (changed content) %s; raised again after closing %s;"
                + " first record where the log cleaner compacted: %d%n", byId.size(), resends, raisedAgain,
                compactedIds);
        // the first problem in the description's first line: a CI log keeps the summary line, not the dump
        assertThat(problems).as("alerts written against the rule (%d alertIds; first: %s)", problems.size(),
                problems.entrySet().stream().findFirst().map(e -> e.getKey() + " " + abbreviate(e.getValue()))
                        .orElse("none")).isEmpty();
        return byId.size();
    }

    /**
     * The first break of the rule above in one alertId's records (in offset order), or null; counts its
     * re-sends and raises after a close into the two maps. {@code compacted}: its first record lies where the
     * broker's log cleaner has compacted, so the records before it may be gone: compaction keeps only a key's
     * latest record there, and of an alert raised and closed in that part only the tombstone (or the
     * CLEARED whose tombstone came later) is left. Such a first record opens nothing and closes nothing
     * unknown; the records after it are checked as always.
     */
    static String problem(List<JsonNode> records, boolean compacted, Map<String, Integer> resends,
            Map<String, Integer> raisedAgain) {
        JsonNode open = null;
        boolean cleared = false;
        int raises = 0;
        String type = null;
        String first = null;
        for (int i = 0; i < records.size(); i++) {
            JsonNode v = records.get(i);
            boolean closing = v == null || v.get("status").asText().equals("CLEARED");
            if (i == 0 && compacted && closing) {
                // what it closed was compacted away
                cleared = v != null;
                continue;
            }
            String problem = null;
            if (v == null) {
                boolean drop = "CONVERSION_DROP".equals(type);
                problem = cleared || (drop && open != null) ? null : "tombstone without a CLEARED (or an open drop)";
                open = null;
                cleared = false;
            } else if (cleared) {
                problem = "a record between CLEARED and its tombstone";
            } else if (v.get("status").asText().equals("CLEARED")) {
                problem = open == null ? "CLEARED while not open" : null;
                open = null;
                cleared = true;
            } else {
                type = v.get("type").asText();
                if (open == null) {
                    raises++;
                } else {
                    resends.merge(type, 1, Integer::sum);
                    problem = withoutRaisedAt(open).equals(withoutRaisedAt(v)) ? "RAISED twice while open" : null;
                }
                open = v;
            }
            if (problem != null && first == null) {
                first = problem;
            }
        }
        if (first == null && raises == 0 && !compacted) {
            first = "never raised";
        }
        if (first == null && cleared) {
            first = "CLEARED without its tombstone";
        }
        if (raises > 1) {
            raisedAgain.merge(type, raises - 1, Integer::sum);
        }
        return first;
    }

    private static String abbreviate(String problem) {
        return problem.length() <= 600 ? problem : problem.substring(0, 600) + "...";
    }

    private static void openAlertsEqualBatch(AppConfig config, SerdeFactory serdes, Topics topics, BatchResult batch,
            Instant now) {
        List<OutputRecord> leadAlerts = new ArrayList<>();
        List<OutputRecord> drops = new ArrayList<>();
        for (OutputRecord r : batch.records().get(OutputTopic.ALERTS)) {
            Alert a = (Alert) r.value();
            // an alert whose deadline is within minutes of now may be on either side of it
            if (Duration.between(a.deadline(), now).abs().compareTo(Duration.ofMinutes(10)) >= 0) {
                (a.type() == AlertType.CONVERSION_DROP ? drops : leadAlerts).add(r);
            }
        }
        Map<String, String> streamLead = new TreeMap<>();
        Map<String, String> streamDrops = new TreeMap<>();
        Outputs.ofStream(PipelineHarness.latest(config, serdes, topics.alerts())).forEach((k, v) ->
                (v.contains("\"CONVERSION_DROP\"") ? streamDrops : streamLead).put(k, v));
        Map<String, String> expected = Outputs.ofBatch(leadAlerts);
        assertThat(expected).as("open lead alerts in the batch report").isNotEmpty();
        assertThat(Outputs.diff(expected, streamLead)).as("open lead alerts: batch vs stream").isEmpty();
        assertThat(Outputs.ofBatch(drops)).as("open drops: the stream's are the batch's").containsAllEntriesOf(streamDrops);
    }

    private static JsonNode withoutRaisedAt(JsonNode alert) {
        var copy = alert.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("raisedAt");
        return copy;
    }
}
