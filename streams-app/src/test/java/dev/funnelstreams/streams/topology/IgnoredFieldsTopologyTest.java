package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.core.config.FunnelConfig;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/** SPEC section 8: a writer's fields that the event type does not define are ignored and counted, never rejected. */
class IgnoredFieldsTopologyTest {

    static final FunnelConfig CONFIG = FunnelTopologyDifferentialTest.CONFIG;
    static final Instant NOW = Instant.parse("2026-03-25T00:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    /** LeadEvent as a newer CRM writes it: a top-level source_url and a note on OwnerChanged. */
    static Schema writerWithExtras() throws Exception {
        ObjectNode schema = (ObjectNode) JSON.readTree(LeadEvent.getClassSchema().toString());
        ArrayNode fields = (ArrayNode) schema.get("fields");
        fields.add(JSON.readTree("{\"name\":\"source_url\",\"type\":[\"null\",\"string\"],\"default\":null}"));
        for (var branch : fields.get(3).get("type")) {
            if (branch.path("name").asText().equals("OwnerChanged")) {
                ((ArrayNode) branch.get("fields")).add(JSON.readTree("{\"name\":\"note\",\"type\":\"string\"}"));
            }
        }
        return new Schema.Parser().parse(schema.toString());
    }

    @Test
    void anOwnerChangeWithFieldsItsTypeDoesNotDefineIsAppliedAndTheFieldsCounted() throws Exception {
        try (TopologyFixture f = new TopologyFixture(CONFIG, NOW)) {
            Schema writer = writerWithExtras();
            int id = f.serdes.client().register("crm.lead-events-value", writer);
            Schema ownerChanged = writer.getField("payload").schema().getTypes().stream()
                    .filter(t -> t.getName().equals("OwnerChanged")).findFirst().orElseThrow();
            GenericData.Record payload = new GenericData.Record(ownerChanged);
            payload.put("owner", "li.na");
            payload.put("note", "called from the booth");
            GenericData.Record event = new GenericData.Record(writer);
            event.put("eventId", "e-40");
            event.put("leadId", "L-1");
            event.put("occurredAt", Instant.parse("2026-03-03T02:00:00Z").toEpochMilli());
            event.put("payload", payload);
            event.put("source_url", "https://crm.example/lead/1");

            f.pipe(FunnelTopologyTest.CREATED);
            f.pipeLead("L-1", BadInputCorpus.wire(id, writer, event));
            f.pipeLead("L-1", BadInputCorpus.wire(id, writer, event));
            f.flush();

            assertThat(f.dlq()).isEmpty();
            assertThat(f.read(f.topics.leadState()).values()).singleElement()
                    .satisfies(state -> assertThat(state.get("owner").asText()).isEqualTo("li.na"));
            assertThat(ignoredCounts(f)).containsOnly(Map.entry("OwnerChanged.note", 2.0),
                    Map.entry("OwnerChanged.source_url", 2.0));
        }
    }

    private static Map<String, Double> ignoredCounts(TopologyFixture f) {
        Map<String, Double> out = new HashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : f.driver.metrics().entrySet()) {
            MetricName n = e.getKey();
            String entity = n.tags().get("funnel-input-id");
            if (n.name().equals("ignored-field-total") && entity != null) {
                out.merge(entity.substring(entity.lastIndexOf('-', entity.indexOf('.')) + 1),
                        ((Number) e.getValue().metricValue()).doubleValue(), Double::sum);
            }
        }
        return out;
    }
}
