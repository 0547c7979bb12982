package dev.funnelstreams.streams.topology;

import dev.funnelstreams.registry.SchemaRegistryClient;
import dev.funnelstreams.registry.WireFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * SPEC section 8: a field that an event's type does not define is ignored, and counted by type and name so
 * that a typo is visible. Avro's schema resolution already drops a writer's extra fields; this finds which
 * they were (writer schema against the app's reader schema, once per schema id and event type) and counts
 * each as Kafka Streams metric {@code ignored-field-total} in group {@code stream-funnel-input-metrics},
 * tag {@code funnel-input-id} = input, task and {@code Type.field} (e.g. {@code lead-events-0_1-OwnerChanged.note}).
 */
final class IgnoredFields {

    static final String SCOPE = "funnel-input";
    static final String OPERATION = "ignored-field";

    private final SchemaRegistryClient client;
    private final Schema reader;
    private final Map<Integer, Map<String, List<String>>> extras = new HashMap<>();
    private final Map<String, Sensor> sensors = new HashMap<>();
    private StreamsMetrics metrics;
    private String entity;

    /** For the records of one input whose values are read as {@code reader}. */
    IgnoredFields(SchemaRegistryClient client, Schema reader) {
        this.client = client;
        this.reader = reader;
    }

    void init(StreamsMetrics metrics, String taskId, String source) {
        this.metrics = metrics;
        this.entity = source + "-" + taskId;
    }

    /**
     * Counts the fields the record's writer schema has beyond the reader's for the event's type (the name of
     * the payload record, or the value record's own name); returns them as {@code Type.field}.
     */
    List<String> count(byte[] value, String type, String payloadRecord) {
        int id = WireFormat.schemaId(value);
        List<String> found = extras.computeIfAbsent(id, i -> new HashMap<>())
                .computeIfAbsent(payloadRecord == null ? "" : payloadRecord, p -> find(client.getById(id), p, type));
        for (String field : found) {
            sensors.computeIfAbsent(field, f -> metrics.addRateTotalSensor(SCOPE, entity + "-" + f, OPERATION,
                    Sensor.RecordingLevel.INFO)).record();
        }
        return found;
    }

    void close() {
        if (metrics != null) {
            sensors.values().forEach(metrics::removeSensor);
        }
        sensors.clear();
    }

    private List<String> find(Schema writer, String payloadRecord, String type) {
        List<String> out = new ArrayList<>();
        Schema readerPayload = null;
        Schema writerPayload = null;
        for (Schema.Field w : writer.getFields()) {
            Schema.Field r = reader.getField(w.name());
            if (r == null) {
                out.add(type + "." + w.name());
            } else if (payloadRecord != null && w.schema().getType() == Schema.Type.UNION) {
                writerPayload = branch(w.schema(), payloadRecord);
                readerPayload = branch(r.schema(), payloadRecord);
            } else {
                nested(w.schema(), r.schema(), type + "." + w.name() + ".", out);
            }
        }
        if (writerPayload != null && readerPayload != null) {
            for (Schema.Field w : writerPayload.getFields()) {
                Schema.Field r = readerPayload.getField(w.name());
                if (r == null) {
                    out.add(type + "." + w.name());
                } else {
                    nested(w.schema(), r.schema(), type + "." + w.name() + ".", out);
                }
            }
        }
        return List.copyOf(out);
    }

    /** The extra fields of a record (or an optional record) inside a field both schemas have. */
    private static void nested(Schema writer, Schema reader, String prefix, List<String> out) {
        Schema w = record(writer);
        Schema r = record(reader);
        if (w == null || r == null) {
            return;
        }
        for (Schema.Field f : w.getFields()) {
            if (r.getField(f.name()) == null) {
                out.add(prefix + f.name());
            }
        }
    }

    private static Schema record(Schema s) {
        if (s.getType() == Schema.Type.RECORD) {
            return s;
        }
        if (s.getType() == Schema.Type.UNION) {
            return s.getTypes().stream().filter(t -> t.getType() == Schema.Type.RECORD).findFirst().orElse(null);
        }
        return null;
    }

    private static Schema branch(Schema union, String name) {
        for (Schema t : union.getTypes()) {
            if (t.getType() == Schema.Type.RECORD && (t.getFullName().equals(name) || t.getName().equals(
                    name.substring(name.lastIndexOf('.') + 1)))) {
                return t;
            }
        }
        return null;
    }
}
