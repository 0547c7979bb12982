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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

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
     * weeks by event time, the batch at now), then checks how often each alertId was raised. A RAISED
     * record is a raise when the alert was not open (first record, or after a CLEARED or a
     * tombstone); a RAISED while it is open is a re-send, legitimate only with changed content (the
     * lead's owner or tier changed; a drop's figures changed by a late event), never an identical
     * copy, which is what a replayed transaction would write.
     * <ul>
     * <li>STALL and FOLLOW_UP_OVERDUE: exactly one raise per alertId (once per stay, once per touch
     * gap, SPEC section 5; a CLEARED one never comes back: its alertId names the ended stay or gap).
     * <li>CONVERSION_DROP: exactly once does not hold, by design (architecture.md, "Alert timers"):
     * the generated input is shuffled, so a late event can change a closed week, which retracts a
     * drop that no longer holds (tombstone) and raises it again when a later event makes it hold
     * again. A drop is checked as: no identical consecutive RAISED records, and a raise after a
     * retraction differs from the last RAISED before it (new figures, not a replay).
     * </ul>
     * Returns how many alertIds there were.
     */
    public static int assertOpenAlertsEqualBatchAndEachRaisedOnce(AppConfig config, SerdeFactory serdes,
            Topics topics, List<String> lines) {
        // the history ends months before now: no deadline falls in the few minutes this check takes
        Instant now = Instant.now();
        BatchResult batch = BatchReport.run(config.funnel(), lines.iterator(), Optional.of(now));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> openAlertsEqualBatch(config, serdes, topics, batch, now));
        KafkaAvroDeserializer<SpecificRecord> de = new KafkaAvroDeserializer<>(serdes.client());
        Map<String, List<JsonNode>> byId = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : PipelineHarness.readAll(config, topics.alerts())) {
            String id = AvroJson.of(de.deserialize(topics.alerts(), r.key())).get("alertId").asText();
            byId.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(r.value() == null ? null : AvroJson.of(de.deserialize(topics.alerts(), r.value())));
        }
        Map<String, String> problems = new TreeMap<>();
        Map<String, Integer> resends = new HashMap<>();
        Map<String, Integer> reRaisedDrops = new HashMap<>();
        byId.forEach((id, records) -> {
            JsonNode open = null;
            JsonNode lastRaised = null;
            int raises = 0;
            boolean drop = false;
            for (JsonNode v : records) {
                if (v == null || v.get("status").asText().equals("CLEARED")) {
                    open = null;
                    continue;
                }
                drop = v.get("type").asText().equals("CONVERSION_DROP");
                if (open == null) {
                    raises++;
                } else {
                    resends.merge(v.get("type").asText(), 1, Integer::sum);
                }
                if (lastRaised != null && withoutRaisedAt(lastRaised).equals(withoutRaisedAt(v))) {
                    problems.put(id, "raised again with the same content: " + records);
                }
                open = v;
                lastRaised = v;
            }
            if (drop && raises > 1) {
                reRaisedDrops.merge("CONVERSION_DROP", raises - 1, Integer::sum);
            } else if (raises != 1) {
                problems.putIfAbsent(id, "raised " + raises + " times: " + records);
            }
        });
        System.out.printf("alerts: %d alertIds, re-sends by type %s, drops raised again after a retraction: %s%n",
                byId.size(), resends, reRaisedDrops);
        assertThat(problems).as("alerts not raised exactly once").isEmpty();
        return byId.size();
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
